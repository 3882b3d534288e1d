using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>One thing the intake took in: an event to plan, or the subject of an acknowledgement that stops escalation.</summary>
/// <param name="Area">The alarm's area, for rules that name areas.</param>
public sealed record NotificationInput(NotificationEvent? Event, string Area, string? Acknowledged);
