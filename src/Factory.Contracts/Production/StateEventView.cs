using Factory.Domain.Oee;

namespace Factory.Contracts.Production;

/// <summary>A machine entered a state at <see cref="At"/> (PLC SourceTimestamp or the API caller's time).</summary>
[GenerateSerializer, Immutable, Alias("factory.state-event-view")]
public sealed record StateEventView(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] PackMlState State,
    [property: Id(2)] UnitMode Mode,
    [property: Id(3)] DataQuality Quality,
    [property: Id(4)] string? ReasonCode,
    [property: Id(5)] string? WorkOrderId)
{
    public MachineStateEvent ToDomain(string machineId) => new(machineId, At, State, Mode, Quality, ReasonCode, WorkOrderId);

    public static StateEventView From(MachineStateEvent e) => new(e.At, e.State, e.Mode, e.Quality, e.ReasonCode, e.WorkOrderId);
}
