namespace Factory.Domain.Audit;

/// <summary>
/// One append-only record of a command that changed the plan or the plant: who did what to which target,
/// when, why, and with what result. Entries form a SHA-256 hash chain (see <see cref="AuditChain"/>), so a
/// changed, removed or reordered entry is detected.
/// </summary>
/// <param name="Sequence">1 for the first entry of a chain, then +1 per entry.</param>
/// <param name="Action">What was asked, e.g. "reassign", "proposal.accept", "packml.stop", "alarm.shelve", "config.change".</param>
/// <param name="Target">What it was done to, e.g. "workorder/WO-17/op/2", "machine/m1", "alarm/A1".</param>
/// <param name="Result">"accepted", or "refused: …" with the reason.</param>
/// <param name="Details">Further facts (e.g. old and new values), free text or JSON.</param>
/// <param name="PreviousHash">The previous entry's hash (64 zeros for the first).</param>
/// <param name="Hash">SHA-256 (lower-case hex) over the canonical encoding of every other field.</param>
public sealed record AuditEntry(
    long Sequence,
    DateTimeOffset At,
    string Who,
    string Action,
    string Target,
    string? Why,
    string Result,
    string? Details,
    string PreviousHash,
    string Hash);
