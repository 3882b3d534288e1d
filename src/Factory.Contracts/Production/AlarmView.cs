using Factory.Domain.Alarms;

namespace Factory.Contracts.Production;

/// <summary>One alarm's live ISA-18.2 state.</summary>
[GenerateSerializer, Immutable, Alias("factory.alarm-view")]
public sealed record AlarmView(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Area,
    [property: Id(3)] AlarmPriority Priority,
    [property: Id(4)] string Message,
    [property: Id(5)] string Source,
    [property: Id(6)] AlarmState State,
    [property: Id(7)] bool ConditionActive,
    [property: Id(8)] DateTimeOffset? ActiveSince,
    [property: Id(9)] DateTimeOffset StateSince,
    [property: Id(10)] DateTimeOffset? ShelvedUntil,
    [property: Id(11)] string? ShelvedBy,
    [property: Id(12)] string? ShelveReason,
    [property: Id(13)] long Version)
{
    public static AlarmView From(Alarm a) => new(
        a.Id, a.Definition.MachineId, a.Definition.Area, a.Definition.Priority, a.Definition.Message, a.Definition.Source,
        a.State, a.ConditionActive, a.ActiveSince, a.StateSince, a.ShelvedUntil, a.ShelvedBy, a.ShelveReason, a.Version);

    /// <summary>The alarm this view shows, under <paramref name="definition"/> (the view carries only part of it).</summary>
    public Alarm ToDomain(AlarmDefinition definition) =>
        new(definition, State, ConditionActive, ActiveSince, StateSince, ShelvedUntil, ShelvedBy, ShelveReason, Version);
}
