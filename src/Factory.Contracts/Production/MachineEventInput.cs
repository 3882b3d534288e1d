using Factory.Domain.Production;

namespace Factory.Contracts.Production;

/// <summary>
/// One posted machine event with its own timestamp (sources without OPC UA, backfill): a state change when
/// <see cref="State"/> is set, output increments when a count is above zero, and tag values (alarm and
/// safety conditions) when <see cref="Tags"/> is given. Any combination may come in one event.
/// </summary>
/// <param name="IdealCycleTimeSeconds">PRI of what was made; the machine's own when null.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-event-input")]
public sealed record MachineEventInput(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] PackMlState? State,
    [property: Id(2)] UnitMode? Mode,
    [property: Id(3)] DataQuality? Quality,
    [property: Id(4)] string? ReasonCode,
    [property: Id(5)] string? WorkOrderId,
    [property: Id(6)] long Good,
    [property: Id(7)] long Scrap,
    [property: Id(8)] long Rework,
    [property: Id(9)] double? IdealCycleTimeSeconds,
    [property: Id(10)] ImmutableDictionary<string, double>? Tags)
{
    /// <summary>The event as the production record checks it (<see cref="ProductionRecord.Post"/>).</summary>
    public PostedMachineEvent ToDomain() => new(At, State, Mode, Quality, ReasonCode, WorkOrderId, Good, Scrap, Rework, IdealCycleTimeSeconds, Tags);
}
