namespace Factory.Domain.Alarms;

/// <summary>
/// The result of an alarm operation: the alarm after it and what happened (in order; a shelf that expired
/// before the operation shows up first), or a refusal with the alarm unchanged and no events.
/// </summary>
public sealed record AlarmTransition(Alarm Alarm, ImmutableArray<AlarmEvent> Events, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
