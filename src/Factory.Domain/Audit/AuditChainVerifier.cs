namespace Factory.Domain.Audit;

/// <summary>
/// Checks an audit trail one entry at a time, in sequence order, so a trail of any length is verified in constant
/// memory (#11, finding 7). Anchors taken earlier (<see cref="AuditAnchor"/>) catch what the links alone cannot: a
/// chain whose newest entries were cut off, or rewritten from some entry on.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly Dictionary<long, string> _anchors = [];
    private readonly bool _wholeChain;
    private string _expectedPrevious;
    private long? _expectedSequence;
    private string? _problem;

    /// <param name="anchors">Anchors the chain must match (the store's own, one recorded elsewhere).</param>
    /// <param name="startHash">The hash the first entry must follow: <see cref="AuditChain.Genesis"/> (null) for a whole chain, or
    /// the hash of the entry just before when checking a slice.</param>
    public AuditChainVerifier(IEnumerable<AuditAnchor>? anchors = null, string? startHash = null)
    {
        foreach (var anchor in anchors ?? [])
        {
            _anchors.TryAdd(anchor.Sequence, anchor.Hash);
        }

        _wholeChain = startHash is null;
        _expectedPrevious = startHash ?? AuditChain.Genesis;
    }

    /// <summary>The entries read so far.</summary>
    public long Entries { get; private set; }

    /// <summary>The first entry found wrong so far, or null.</summary>
    public long? FirstBroken { get; private set; }

    /// <summary>Reads the next entry; false once the chain is found broken (later entries change nothing).</summary>
    public bool Add(AuditEntry? entry)
    {
        if (FirstBroken is not null)
        {
            return false;
        }

        if (entry is null)
        {
            return Broken(_expectedSequence ?? 1, $"entry {_expectedSequence ?? 1} is missing");
        }

        Entries++;
        if ((_expectedSequence is { } s && entry.Sequence != s) || (_expectedSequence is null && _wholeChain && entry.Sequence != 1))
        {
            // The first wrong place: the expected entry, or for a whole chain not starting at 1, the first entry there is.
            var at = _expectedSequence ?? entry.Sequence;
            return Broken(at, $"entry {_expectedSequence ?? 1} is missing or out of order (found {entry.Sequence})");
        }

        if (!string.Equals(entry.PreviousHash, _expectedPrevious, StringComparison.Ordinal) ||
            !string.Equals(entry.Hash, AuditChain.ComputeHash(entry), StringComparison.Ordinal))
        {
            return Broken(_expectedSequence ?? entry.Sequence, $"entry {_expectedSequence ?? entry.Sequence} was altered, removed or reordered");
        }

        if (_anchors.TryGetValue(entry.Sequence, out var anchored) && !string.Equals(anchored, entry.Hash, StringComparison.Ordinal))
        {
            return Broken(entry.Sequence, $"entry {entry.Sequence} differs from its anchor: the trail was rewritten from there on");
        }

        _expectedPrevious = entry.Hash;
        _expectedSequence = entry.Sequence + 1;
        return true;
    }

    /// <summary>The verdict once every entry is read: a chain that ends before an anchor's entry was cut short.</summary>
    public AuditVerification Result()
    {
        if (FirstBroken is not null)
        {
            return new AuditVerification(false, Entries, FirstBroken, false, _problem);
        }

        var last = (_expectedSequence ?? 1) - 1;
        if (_anchors.Count > 0 && _anchors.Keys.Max() is var newest && newest > last)
        {
            return new AuditVerification(false, Entries, last + 1, true,
                $"the trail ends at entry {last} but its anchor records entry {newest}: entries at the end were removed");
        }

        return new AuditVerification(true, Entries, null, false, null);
    }

    private bool Broken(long sequence, string problem)
    {
        FirstBroken = sequence;
        _problem = problem;
        return false;
    }
}
