using Factory.Contracts.Production;

namespace Factory.Contracts.Events;

/// <summary>A safety stop began or ended on a machine. <see cref="PlantEvent.Version"/> is the version of the machine's alarms grain.</summary>
[GenerateSerializer, Immutable, Alias("factory.safety-event-raised")]
public sealed record SafetyEventRaised(
    [property: Id(0)] string Site,
    [property: Id(1)] string Line,
    [property: Id(2)] SafetyEventView SafetyEvent,
    [property: Id(3)] long AlarmsVersion)
    : PlantEvent(Site, SafetyEvent.MachineId, AlarmsVersion)
{
    public override string? LineId => Line;

    public override string Kind => "safetyEvent";
}
