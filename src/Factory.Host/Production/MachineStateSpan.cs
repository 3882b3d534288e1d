using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Host.Production;

/// <summary>One stretch of a machine's recorded history: PackML state, mode and data quality from <c>Start</c> to <c>End</c>.</summary>
/// <param name="State">PackML state (Undefined where nothing was recorded).</param>
/// <param name="Mode">Unit mode.</param>
/// <param name="Quality">Quality of the data the state came from.</param>
/// <param name="ReasonCode">Downtime reason from the site's tree, when one is attached.</param>
/// <param name="WorkOrderId">The work order the machine ran then, when known.</param>
/// <param name="Start">Start of the stretch (the PLC's source timestamp when the state came over OPC UA).</param>
/// <param name="End">End of the stretch (clipped at the end of the query window and at now).</param>
public sealed record MachineStateSpan(
    PackMlState State,
    UnitMode Mode,
    DataQuality Quality,
    string? ReasonCode,
    string? WorkOrderId,
    DateTimeOffset Start,
    DateTimeOffset End);
