using Factory.Contracts.Production;

namespace Factory.Contracts.Events;

/// <summary>An alarm changed state (activated, cleared, acknowledged, shelved, unshelved, …).</summary>
[GenerateSerializer, Immutable, Alias("factory.alarm-changed")]
public sealed record AlarmChanged(
    [property: Id(0)] string Site,
    [property: Id(1)] string Line,
    [property: Id(2)] AlarmView Alarm,
    [property: Id(3)] ImmutableArray<AlarmEventView> Events)
    : PlantEvent(Site, Alarm.Id, Alarm.Version)
{
    public override string? LineId => Line;

    public override string Kind => "alarmChanged";
}
