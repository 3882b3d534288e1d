namespace Factory.Domain.Notifications;

/// <summary>A worker as on-shift recipients are chosen from: clocked in or not, skills (skill → level), email if any.</summary>
public sealed record WorkerOnShift(string Id, string? Email, bool ClockedIn, IReadOnlyDictionary<string, int> Skills);
