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

    /// <summary>Every entry in sequence order, streamed (for verification and export).</summary>
    IAsyncEnumerable<AuditEntry> ReadAllAsync(CancellationToken cancellationToken = default);
}
