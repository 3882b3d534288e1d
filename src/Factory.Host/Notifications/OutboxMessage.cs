using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>A message in the outbox: waiting, or (dead letter) given up after its attempts.</summary>
/// <param name="LastError">Why the last attempt failed; null before any failure.</param>
public sealed record OutboxMessage(
    long Id,
    NotificationMessage Message,
    int Attempts,
    DateTimeOffset NextAt,
    string? LastError);
