namespace Factory.Domain.Notifications;

/// <summary>One message to hand to a channel: for an event, a rule's level and one recipient.</summary>
/// <param name="Level">The escalation level, 0 for the first notice.</param>
public sealed record NotificationMessage(
    string EventKey,
    string Rule,
    int Level,
    NotificationRecipient To,
    string Subject,
    string Body);
