namespace Factory.Domain.Audit;

/// <summary>
/// The newest entry's sequence and hash, kept apart from the entries (and worth recording outside the plant too). A
/// chain cut short after its last entries still links up, so only an anchor shows that entries are missing at the end.
/// </summary>
/// <param name="Sequence">The sequence of the newest entry when the anchor was taken.</param>
/// <param name="Hash">That entry's hash.</param>
public sealed record AuditAnchor(long Sequence, string Hash);
