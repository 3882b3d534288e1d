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

    /// <summary>
    /// Whether a live observation of the machine adds nothing to this event: the same condition, or the same
    /// condition since the same instant with no reason of its own. A reason attached to an ongoing stop (by
    /// a person at the station, the control room or an andon call) then stays; the PLC's next update, which
    /// knows no reason, must not start a new, unexplained interval at the same instant.
    /// </summary>
    public bool ContinuedBy(MachineStateEvent observed) =>
        SameConditionAs(observed) ||
        (observed.ReasonCode is null && observed.At == At && SameConditionAs(observed with { ReasonCode = ReasonCode }));
}
