using Factory.Domain.Alarms;

namespace Factory.Contracts.Production;

/// <summary>One step of an alarm's history.</summary>
[GenerateSerializer, Immutable, Alias("factory.alarm-event-view")]
public sealed record AlarmEventView(
    [property: Id(0)] string AlarmId,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Area,
    [property: Id(3)] AlarmPriority Priority,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string Who,
    [property: Id(6)] AlarmAction Action,
    [property: Id(7)] AlarmState From,
    [property: Id(8)] AlarmState To,
    [property: Id(9)] string? Why)
{
    public AlarmEvent ToDomain() => new(AlarmId, MachineId, Area, Priority, At, Who, Action, From, To, Why);

    public static AlarmEventView Of(AlarmEvent e) => new(e.AlarmId, e.MachineId, e.Area, e.Priority, e.At, e.Who, e.Action, e.From, e.To, e.Why);
}
