using System.Runtime.CompilerServices;
using Factory.Domain.Audit;
using Microsoft.Data.Sqlite;

namespace Factory.Host.Audit;

/// <summary>
/// The audit trail in its own SQLite file, one row per entry, appended under a lock so the chain stays in
/// sequence (one writer per process; the sequence number is the primary key, so a second writer fails loudly
/// rather than forking the chain). Commits with <c>synchronous=FULL</c> before answering.
/// </summary>
public sealed class SqliteAuditStore : IAuditStore, IDisposable
{
    private readonly string _connectionString;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _schemaReady;
    private AuditEntry? _last;

    public SqliteAuditStore(AuditStoreOptions options, TimeProvider clock)
    {
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        _clock = clock;
    }

    public async Task<AuditEntry> AppendAsync(string who, string action, string target, string? why, string result, string? details)
    {
        await _gate.WaitAsync();
        try
        {
            await using var connection = await OpenAsync();
            _last ??= await LastAsync(connection);
            var (entry, refusal) = AuditChain.Append(_last, _clock.GetUtcNow(), who, action, target, why, result, details);
            if (entry is null)
            {
                throw new ArgumentException(refusal!.Reason);
            }

            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = AuditRows.InsertAndAnchor;
            AuditRows.Bind(command, entry, entry.At.UtcDateTime.ToString("O"));
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
            _last = entry;
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AuditRows.Columns} FROM audit_trail
            WHERE ($from IS NULL OR at_ticks >= $from) AND ($to IS NULL OR at_ticks < $to)
              AND ($user IS NULL OR who = $user COLLATE NOCASE) AND ($action IS NULL OR action LIKE $action || '%')
              AND ($after IS NULL OR sequence > $after)
            ORDER BY sequence LIMIT $limit
            """;
        command.Parameters.AddWithValue("$from", (object?)query.From?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$to", (object?)query.To?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$user", (object?)query.User ?? DBNull.Value);
        command.Parameters.AddWithValue("$action", (object?)query.Action ?? DBNull.Value);
        command.Parameters.AddWithValue("$after", (object?)query.After ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", Math.Clamp(query.Limit, 1, 100_000));
        var result = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(AuditRows.Read(reader));
        }

        return result;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditRows.Columns} FROM audit_trail ORDER BY sequence";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader);
        }
    }

    public async Task<AuditAnchor?> AnchorAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = AuditRows.ReadAnchor;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public void Dispose() => _gate.Dispose();

    private static async Task<AuditEntry?> LastAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditRows.Columns} FROM audit_trail ORDER BY sequence DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? AuditRows.Read(reader) : null;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";
        await pragma.ExecuteNonQueryAsync();
        if (!_schemaReady)
        {
            await using var create = connection.CreateCommand();
            create.CommandText = """
                CREATE TABLE IF NOT EXISTS audit_trail (
                    sequence INTEGER PRIMARY KEY, at_ticks INTEGER NOT NULL, at TEXT NOT NULL, who TEXT NOT NULL,
                    action TEXT NOT NULL, target TEXT NOT NULL, why TEXT, result TEXT NOT NULL, details TEXT,
                    previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
                CREATE INDEX IF NOT EXISTS audit_trail_at ON audit_trail (at_ticks);
                """ + AuditRows.AnchorTable;
            await create.ExecuteNonQueryAsync();
            _schemaReady = true;
        }

        return connection;
    }
}
