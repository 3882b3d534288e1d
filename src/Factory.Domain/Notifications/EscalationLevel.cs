namespace Factory.Domain.Notifications;

/// <summary>
/// One step of a rule's escalation: whom to tell once the event has gone unacknowledged for <paramref name="After"/>
/// (zero for the first level, told at once).
/// </summary>
public sealed record EscalationLevel(TimeSpan After, ImmutableArray<NotificationRecipient> Recipients);
