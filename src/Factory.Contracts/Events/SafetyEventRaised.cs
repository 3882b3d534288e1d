using Factory.Contracts.Production;

namespace Factory.Contracts.Events;

/// <summary>A safety stop began or ended on a machine. <see cref="PlantEvent.Version"/> is the machine log's version.</summary>
[GenerateSerializer, Immutable, Alias("factory.safety-event-raised")]
public sealed record SafetyEventRaised(
    [property: Id(0)] string Site,
    [property: Id(1)] string Line,
    [property: Id(2)] SafetyEventView SafetyEvent,
    [property: Id(3)] long LogVersion)
    : PlantEvent(Site, SafetyEvent.MachineId, LogVersion)
{
    public override string? LineId => Line;

    public override string Kind => "safetyEvent";
}
