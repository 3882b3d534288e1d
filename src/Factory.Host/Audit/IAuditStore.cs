using Factory.Domain.Audit;

namespace Factory.Host.Audit;

/// <summary>
/// The append-only audit trail. Entries are chained by <see cref="AuditChain"/>; an implementation appends one
/// at a time in sequence and never updates or deletes. SQLite is embedded; a PostgreSQL store plugs in here.
/// </summary>
public interface IAuditStore
{
    /// <summary>Appends an entry after the last one and returns it.</summary>
    Task<AuditEntry> AppendAsync(string who, string action, string target, string? why, string result, string? details);

    /// <summary>Entries in sequence order matching the query (at most <see cref="AuditQuery.Limit"/>).</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query);

    /// <summary>
    /// The newest entry's sequence and hash, kept in its own row and updated in the same transaction as each append, so
    /// removing entries at the end of the trail shows as a chain that ends before its anchor. Null before the first entry.
    /// </summary>
    Task<AuditAnchor?> AnchorAsync(CancellationToken cancellationToken = default);

    /// <summary>Every entry in sequence order, streamed (for verification and export).</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);
}
