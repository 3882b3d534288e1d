using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>An event whose rule still has levels to send, unless it is acknowledged first.</summary>
public sealed record OpenEscalation(NotificationEvent Event, string Rule, int NextLevel);
