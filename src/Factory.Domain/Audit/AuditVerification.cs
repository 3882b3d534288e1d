namespace Factory.Domain.Audit;

/// <summary>What checking an audit trail found.</summary>
/// <param name="Intact">True when every entry is linked to the one before and each anchor is matched.</param>
/// <param name="Entries">The entries read.</param>
/// <param name="FirstBrokenSequence">The first entry that was altered, removed or reordered; or, for a chain cut short, the first missing one.</param>
/// <param name="Truncated">True when the chain ends before an anchor's entry: entries at the end were removed.</param>
/// <param name="Problem">What is wrong, in words; null when intact.</param>
public sealed record AuditVerification(bool Intact, long Entries, long? FirstBrokenSequence, bool Truncated, string? Problem);
