namespace Factory.Domain.Notifications;

/// <summary>Who a message goes to: an email address or a webhook URL.</summary>
public sealed record NotificationRecipient(NotificationChannel Channel, string Address);
