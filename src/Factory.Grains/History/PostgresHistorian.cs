using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace Factory.Grains.History;

/// <summary>
/// The cluster's historian on PostgreSQL: raw samples partitioned by month (a partition is created when its first
/// sample arrives, and retention drops whole partitions rather than deleting row by row), inserted with one
/// <c>unnest</c> statement per batch. Every silo writes to it; rows are keyed, so a retry or a second silo's
/// rollup only repeats what is there.
/// </summary>
public sealed class PostgresHistorian : SqlHistorian, IAsyncDisposable
{
    private const string Schema = """
        SELECT pg_advisory_xact_lock(7431013);
        CREATE TABLE IF NOT EXISTS history_series (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, machine_id TEXT NOT NULL, tag TEXT NOT NULL, UNIQUE (machine_id, tag));
        CREATE TABLE IF NOT EXISTS history_raw (series BIGINT NOT NULL, at BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, PRIMARY KEY (series, at)) PARTITION BY RANGE (at);
        CREATE INDEX IF NOT EXISTS history_raw_at ON history_raw (at);
        CREATE TABLE IF NOT EXISTS history_minute (series BIGINT NOT NULL, at BIGINT NOT NULL, v_min DOUBLE PRECISION NOT NULL, v_max DOUBLE PRECISION NOT NULL,
          v_first DOUBLE PRECISION NOT NULL, v_last DOUBLE PRECISION NOT NULL, v_sum DOUBLE PRECISION NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (series, at));
        CREATE INDEX IF NOT EXISTS history_minute_at ON history_minute (at);
        CREATE TABLE IF NOT EXISTS history_hour (series BIGINT NOT NULL, at BIGINT NOT NULL, v_min DOUBLE PRECISION NOT NULL, v_max DOUBLE PRECISION NOT NULL,
          v_first DOUBLE PRECISION NOT NULL, v_last DOUBLE PRECISION NOT NULL, v_sum DOUBLE PRECISION NOT NULL, n BIGINT NOT NULL, PRIMARY KEY (series, at));
        CREATE TABLE IF NOT EXISTS history_states (machine_id TEXT NOT NULL, at BIGINT NOT NULL, state BIGINT NOT NULL, mode BIGINT NOT NULL,
          quality BIGINT NOT NULL, reason TEXT NULL, work_order TEXT NULL, PRIMARY KEY (machine_id, at));
        CREATE TABLE IF NOT EXISTS history_counts (machine_id TEXT NOT NULL, at BIGINT NOT NULL, seq BIGINT NOT NULL, work_order TEXT NOT NULL,
          ideal_cycle_ticks BIGINT NOT NULL, good BIGINT NOT NULL, scrap BIGINT NOT NULL, rework BIGINT NOT NULL,
          PRIMARY KEY (machine_id, at, seq, work_order, ideal_cycle_ticks));
        CREATE TABLE IF NOT EXISTS history_markers (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
        """;

    private const string PartitionPrefix = "history_raw_p";

    private readonly NpgsqlDataSource _dataSource;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private readonly HashSet<string> _partitions = new(StringComparer.Ordinal);
    private volatile bool _schemaReady;

    public PostgresHistorian(string connectionString) => _dataSource = NpgsqlDataSource.Create(connectionString);

    /// <summary>The raw partitions that exist, by name (<c>history_raw_pYYYYMM</c>), oldest first.</summary>
    public async Task<IReadOnlyList<string>> PartitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await ListPartitionsAsync(connection, cancellationToken);
    }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        if (!_schemaReady)
        {
            await _schemaGate.WaitAsync(cancellationToken);
            try
            {
                if (!_schemaReady)
                {
                    // Silos starting together take turns (the advisory lock), so CREATE ... IF NOT EXISTS never races.
                    await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                    await ExecuteAsync(connection, transaction, Schema, cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    _schemaReady = true;
                }
            }
            finally
            {
                _schemaGate.Release();
            }
        }

        return connection;
    }

    protected override async Task PrepareRawAsync(DbConnection connection, DbTransaction transaction, long fromTicks, long toTicks, CancellationToken cancellationToken)
    {
        var month = new DateTime(new DateTime(fromTicks, DateTimeKind.Utc).Year, new DateTime(fromTicks, DateTimeKind.Utc).Month, 1, 0, 0, 0, DateTimeKind.Utc);
        for (; month.Ticks <= toTicks; month = month.AddMonths(1))
        {
            var name = PartitionPrefix + month.ToString("yyyyMM", CultureInfo.InvariantCulture);
            if (_partitions.Contains(name))
            {
                continue;
            }

            await ExecuteAsync(connection, transaction,
                $"SELECT pg_advisory_xact_lock(7431014); CREATE TABLE IF NOT EXISTS {name} PARTITION OF history_raw FOR VALUES FROM ({month.Ticks}) TO ({month.AddMonths(1).Ticks})",
                cancellationToken);
            _partitions.Add(name);
        }
    }

    protected override async Task InsertRawAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Series, long At, double Value)> rows, CancellationToken cancellationToken)
    {
        // One statement per chunk: three arrays unnested into rows, duplicates ignored.
        foreach (var chunk in rows.Chunk(50_000))
        {
            await ExecuteAsync(connection, transaction,
                "INSERT INTO history_raw(series, at, value) SELECT * FROM unnest(@s, @at, @v) ON CONFLICT (series, at) DO NOTHING", cancellationToken,
                ("@s", chunk.Select(r => r.Series).ToArray()), ("@at", chunk.Select(r => r.At).ToArray()), ("@v", chunk.Select(r => r.Value).ToArray()));
        }
    }

    protected override async Task<long> DeleteRawBeforeAsync(DbConnection connection, long cutTicks, CancellationToken cancellationToken)
    {
        long removed = 0;
        foreach (var name in await ListPartitionsAsync(connection, cancellationToken))
        {
            var month = DateTime.ParseExact(name[PartitionPrefix.Length..], "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (month.AddMonths(1).Ticks > cutTicks)
            {
                continue;
            }

            // A month wholly past retention goes at once: no row-by-row delete, no bloat left behind.
            await using var count = Command(connection, null, $"SELECT count(*) FROM {name}");
            removed += Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            await ExecuteAsync(connection, null, $"DROP TABLE {name}", cancellationToken);
            _partitions.Remove(name);
        }

        return removed + await base.DeleteRawBeforeAsync(connection, cutTicks, cancellationToken);
    }

    private static async Task<List<string>> ListPartitionsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, null,
            "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'history_raw' ORDER BY c.relname");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var names = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async ValueTask DisposeAsync() => await _dataSource.DisposeAsync();
}
