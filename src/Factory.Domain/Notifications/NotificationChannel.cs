namespace Factory.Domain.Notifications;

/// <summary>How a message reaches its recipient.</summary>
public enum NotificationChannel
{
    Email = 1,
    Webhook = 2,

    /// <summary>
    /// Not a channel of its own: the address is a skill, and the message goes by email to every worker clocked in on
    /// the event's site with that skill and an email address (<see cref="OnShiftRecipients"/>).
    /// </summary>
    OnShift = 3,
}
