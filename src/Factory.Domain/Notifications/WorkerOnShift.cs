using Factory.Domain.People;

namespace Factory.Domain.Notifications;

/// <summary>A worker as on-shift recipients are chosen from: clocked in or not, skills and certifications, and an email if any.</summary>
public sealed record WorkerOnShift(Worker Worker, string? Email);
