namespace Factory.Domain.Alarms;

/// <summary>One step in an alarm's history: who did what, when, from which state to which, and why.</summary>
/// <param name="Who">The named user, or "system" for condition changes and shelf expiry.</param>
public sealed record AlarmEvent(
    string AlarmId,
    string MachineId,
    string Area,
    AlarmPriority Priority,
    DateTimeOffset At,
    string Who,
    AlarmAction Action,
    AlarmState From,
    AlarmState To,
    string? Why);
