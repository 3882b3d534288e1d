namespace Factory.Domain.Staff;

/// <summary>A certification that runs out soon.</summary>
public sealed record ExpiringCertification(string WorkerId, string WorkerName, string Skill, DateTimeOffset ValidUntil, int DaysLeft);
