using System.Data.Common;
using Factory.Domain.Audit;

namespace Factory.Host.Audit;

/// <summary>
/// The row form of an audit entry, shared by the SQLite and PostgreSQL stores: one table layout, one insert, one
/// reader, so both stores keep exactly the fields <see cref="AuditChain"/> hashes.
/// </summary>
internal static class AuditRows
{
    /// <summary>The columns an entry is read from, in <see cref="Read"/>'s order.</summary>
    public const string Columns = "sequence, at_ticks, who, action, target, why, result, details, previous_hash, hash";

    /// <summary>
    /// The anchor table: one row (id 1) with the newest entry's sequence and hash, written with every append. Created
    /// beside the trail, and filled from the trail's newest entry the first time (a trail from before anchors existed).
    /// </summary>
    public const string AnchorTable = """
        CREATE TABLE IF NOT EXISTS audit_anchor (id INTEGER PRIMARY KEY, sequence BIGINT NOT NULL, hash TEXT NOT NULL);
        INSERT INTO audit_anchor (id, sequence, hash)
            SELECT 1, sequence, hash FROM audit_trail WHERE NOT EXISTS (SELECT 1 FROM audit_anchor) ORDER BY sequence DESC LIMIT 1;
        """;

    /// <summary>Appends one entry and moves the anchor to it, in one command; bind it with <see cref="Bind"/>.</summary>
    public const string InsertAndAnchor = Insert + """
        ;
        INSERT INTO audit_anchor (id, sequence, hash) VALUES (1, @seq, @hash)
        ON CONFLICT (id) DO UPDATE SET sequence = excluded.sequence, hash = excluded.hash
        """;

    /// <summary>Reads the anchor: sequence, hash.</summary>
    public const string ReadAnchor = "SELECT sequence, hash FROM audit_anchor WHERE id = 1";

    /// <summary>Appends one entry; bind it with <see cref="Bind"/>.</summary>
    public const string Insert = """
        INSERT INTO audit_trail (sequence, at_ticks, at, who, action, target, why, result, details, previous_hash, hash)
        VALUES (@seq, @ticks, @at, @who, @action, @target, @why, @result, @details, @prev, @hash)
        """;

    /// <summary>
    /// Binds <paramref name="entry"/> to <see cref="Insert"/>. <paramref name="at"/> is the readable time column in
    /// the store's own type (the chain uses the ticks).
    /// </summary>
    public static void Bind(DbCommand command, AuditEntry entry, object at)
    {
        Add(command, "@seq", entry.Sequence);
        Add(command, "@ticks", entry.At.UtcTicks);
        Add(command, "@at", at);
        Add(command, "@who", entry.Who);
        Add(command, "@action", entry.Action);
        Add(command, "@target", entry.Target);
        Add(command, "@why", entry.Why);
        Add(command, "@result", entry.Result);
        Add(command, "@details", entry.Details);
        Add(command, "@prev", entry.PreviousHash);
        Add(command, "@hash", entry.Hash);
    }

    /// <summary>The entry at the reader's row (selected with <see cref="Columns"/>).</summary>
    public static AuditEntry Read(DbDataReader r) => new(
        r.GetInt64(0), new DateTimeOffset(r.GetInt64(1), TimeSpan.Zero), r.GetString(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8), r.GetString(9));

    private static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        if (value is null)
        {
            // A null says nothing about its type; every nullable column is text.
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
