namespace Factory.Host.Audit;

/// <summary>
/// A search of the audit trail; a null criterion matches everything. Action matches by prefix ("alarm." finds all alarm
/// actions). <paramref name="After"/> pages: only entries after that sequence (pass the last one of the page before).
/// </summary>
public sealed record AuditQuery(DateTimeOffset? From = null, DateTimeOffset? To = null, string? User = null, string? Action = null, int Limit = 10_000, long? After = null);
