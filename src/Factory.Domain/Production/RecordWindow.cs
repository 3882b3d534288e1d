using Factory.Domain.Oee;

namespace Factory.Domain.Production;

/// <summary>What a production record holds for a window: state events (with the one in force at the start), counts and planned stops.</summary>
public sealed record RecordWindow(
    ImmutableArray<MachineStateEvent> Events,
    ImmutableArray<ProductionCount> Counts,
    ImmutableArray<PlannedStop> Stops);
