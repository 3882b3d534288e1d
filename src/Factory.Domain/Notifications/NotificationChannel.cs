namespace Factory.Domain.Notifications;

/// <summary>How a message reaches its recipient.</summary>
public enum NotificationChannel
{
    Email = 1,
    Webhook = 2,
}
