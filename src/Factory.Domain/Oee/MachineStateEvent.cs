using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>
/// A machine entered a state at <paramref name="At"/>: the OPC UA SourceTimestamp when the data came
/// from a PLC, else the timestamp the API caller gave (backfill, sources without OPC UA).
/// </summary>
/// <param name="ReasonCode">Downtime reason code from the reason tree, when one is known.</param>
/// <param name="WorkOrderId">The work order the machine is working on, or null when it has none.</param>
/// <param name="Machinery">Set for machines that publish the OPC 40001-1 state; it then decides the classification.</param>
public sealed record MachineStateEvent(
    string MachineId,
    DateTimeOffset At,
    PackMlState State,
    UnitMode Mode,
    DataQuality Quality,
    string? ReasonCode = null,
    string? WorkOrderId = null,
    MachineryItemState? Machinery = null)
{
    /// <summary>Whether the two events describe the same machine condition (timestamps aside).</summary>
    public bool SameConditionAs(MachineStateEvent other) =>
        State == other.State && Mode == other.Mode && Quality == other.Quality && Machinery == other.Machinery &&
        string.Equals(ReasonCode, other.ReasonCode, StringComparison.Ordinal) &&
        string.Equals(WorkOrderId, other.WorkOrderId, StringComparison.Ordinal);
}
