using Factory.Domain.Alarms;

namespace Factory.Domain.Notifications;

/// <summary>A plant event that may be worth telling someone about.</summary>
/// <param name="Key">Names the occurrence (e.g. the alarm and when it became active), so the same one is never planned twice.</param>
/// <param name="SubjectId">What an acknowledgement refers to: the alarm id, or the machine of a safety stop.</param>
/// <param name="MachineId">The machine it happened on; empty for a work order.</param>
/// <param name="Priority">The alarm's priority; null for events that have none (safety stops always match).</param>
/// <param name="Andon">For an andon call, its kind.</param>
public sealed record NotificationEvent(
    string Key,
    string Site,
    NotificationKind Kind,
    string SubjectId,
    string MachineId,
    AlarmPriority? Priority,
    DateTimeOffset At,
    string Title,
    string Text,
    AndonKind? Andon = null);
