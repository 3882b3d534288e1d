using System.Runtime.CompilerServices;
using Factory.Domain.Audit;
using Npgsql;
using NpgsqlTypes;

namespace Factory.Host.Audit;

/// <summary>
/// The audit trail in PostgreSQL, shared by every silo of a cluster. Each append is one transaction that first takes
/// a transaction-scoped advisory lock, then reads the last entry and inserts its successor, so appends from many
/// processes line up one after another and the chain stays linear; the sequence number is the primary key, so a
/// writer that bypassed the lock would fail loudly rather than fork the chain.
/// </summary>
public sealed class PostgresAuditStore : IAuditStore, IAsyncDisposable
{
    // Any fixed number: every appender of every silo takes this one lock.
    private const long AppendLock = 4711000002;

    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    public PostgresAuditStore(string connectionString, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _clock = clock;
    }

    public async Task<AuditEntry> AppendAsync(string who, string action, string target, string? why, string result, string? details)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({AppendLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync();
        }

        AuditEntry? last;
        await using (var lastCommand = new NpgsqlCommand($"SELECT {AuditRows.Columns} FROM audit_trail ORDER BY sequence DESC LIMIT 1", connection, transaction))
        await using (var reader = await lastCommand.ExecuteReaderAsync())
        {
            last = await reader.ReadAsync() ? AuditRows.Read(reader) : null;
        }

        // The time is taken under the lock, so entries are in time order as well as in sequence.
        var (entry, refusal) = AuditChain.Append(last, _clock.GetUtcNow(), who, action, target, why, result, details);
        if (entry is null)
        {
            throw new ArgumentException(refusal!.Reason);
        }

        await using (var insert = new NpgsqlCommand(AuditRows.InsertAndAnchor, connection, transaction))
        {
            AuditRows.Bind(insert, entry, entry.At.UtcDateTime);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return entry;
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {AuditRows.Columns} FROM audit_trail
            WHERE (@from IS NULL OR at_ticks >= @from) AND (@to IS NULL OR at_ticks < @to)
              AND (@user IS NULL OR lower(who) = lower(@user)) AND (@action IS NULL OR starts_with(action, @action))
              AND (@after IS NULL OR sequence > @after)
            ORDER BY sequence LIMIT @limit
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Bigint) { Value = (object?)query.From?.UtcTicks ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Bigint) { Value = (object?)query.To?.UtcTicks ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("user", NpgsqlDbType.Text) { Value = (object?)query.User ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("action", NpgsqlDbType.Text) { Value = (object?)query.Action ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Bigint) { Value = (object?)query.After ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = Math.Clamp(query.Limit, 1, 100_000) });
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
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {AuditRows.Columns} FROM audit_trail ORDER BY sequence", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return AuditRows.Read(reader);
        }
    }

    public async Task<AuditAnchor?> AnchorAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(AuditRows.ReadAnchor, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        _schemaGate.Dispose();
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (_schemaReady)
        {
            return connection;
        }

        try
        {
            await _schemaGate.WaitAsync(cancellationToken);
            try
            {
                if (!_schemaReady)
                {
                    await CreateSchemaAsync(connection, cancellationToken);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaGate.Release();
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return connection;
    }

    private static async Task CreateSchemaAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The append lock also keeps two silos from creating the table at once.
        await using var command = new NpgsqlCommand(
            $"""
            SELECT pg_advisory_xact_lock({AppendLock});
            CREATE TABLE IF NOT EXISTS audit_trail (
                sequence BIGINT PRIMARY KEY, at_ticks BIGINT NOT NULL, at TIMESTAMPTZ NOT NULL, who TEXT NOT NULL,
                action TEXT NOT NULL, target TEXT NOT NULL, why TEXT, result TEXT NOT NULL, details TEXT,
                previous_hash TEXT NOT NULL, hash TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_trail_at ON audit_trail (at_ticks);
            """ + AuditRows.AnchorTable, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
