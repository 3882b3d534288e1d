namespace Factory.Contracts.Production;

/// <summary>What a machine's log holds for a window: state events (with the one in force at the start), counts and planned stops.</summary>
[GenerateSerializer, Immutable, Alias("factory.machine-log-view")]
public sealed record MachineLogView(
    [property: Id(0)] string MachineId,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string LineId,
    [property: Id(3)] ImmutableArray<StateEventView> Events,
    [property: Id(4)] ImmutableArray<CountView> Counts,
    [property: Id(5)] ImmutableArray<PlannedStopView> Stops,
    [property: Id(6)] long Version)
{
    /// <summary>The state intervals of these events up to <paramref name="until"/> (the rule is <see cref="Factory.Domain.Oee.StateIntervalLog"/>).</summary>
    public IReadOnlyList<Factory.Domain.Oee.StateInterval> Intervals(DateTimeOffset until) =>
        Factory.Domain.Oee.StateIntervalLog.IntervalsOf(MachineId, Events.Select(e => e.ToDomain(MachineId)), until);
}
