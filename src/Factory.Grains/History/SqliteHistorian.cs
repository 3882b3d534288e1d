using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Factory.Grains.History;

/// <summary>
/// The embedded historian: one SQLite file (WAL, so trends are read while batches are written), rows keyed by
/// series and time in tables without row ids. A commit is synced (<c>synchronous=FULL</c>) before an append
/// returns, so an acknowledged batch survives a crash; the writer coalesces batches to keep commits few.
/// </summary>
public sealed class SqliteHistorian : SqlHistorian
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS history_series (id INTEGER PRIMARY KEY, machine_id TEXT NOT NULL, tag TEXT NOT NULL, UNIQUE (machine_id, tag));
        CREATE TABLE IF NOT EXISTS history_raw (series INTEGER NOT NULL, at INTEGER NOT NULL, value REAL NOT NULL, PRIMARY KEY (series, at)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS history_raw_at ON history_raw (at);
        CREATE TABLE IF NOT EXISTS history_minute (series INTEGER NOT NULL, at INTEGER NOT NULL, v_min REAL NOT NULL, v_max REAL NOT NULL,
          v_first REAL NOT NULL, v_last REAL NOT NULL, v_sum REAL NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (series, at)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS history_minute_at ON history_minute (at);
        CREATE TABLE IF NOT EXISTS history_hour (series INTEGER NOT NULL, at INTEGER NOT NULL, v_min REAL NOT NULL, v_max REAL NOT NULL,
          v_first REAL NOT NULL, v_last REAL NOT NULL, v_sum REAL NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (series, at)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS history_states (machine_id TEXT NOT NULL, at INTEGER NOT NULL, state INTEGER NOT NULL, mode INTEGER NOT NULL,
          quality INTEGER NOT NULL, reason TEXT NULL, work_order TEXT NULL, PRIMARY KEY (machine_id, at)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS history_counts (machine_id TEXT NOT NULL, at INTEGER NOT NULL, seq INTEGER NOT NULL, work_order TEXT NOT NULL,
          ideal_cycle_ticks INTEGER NOT NULL, good INTEGER NOT NULL, scrap INTEGER NOT NULL, rework INTEGER NOT NULL,
          PRIMARY KEY (machine_id, at, seq, work_order, ideal_cycle_ticks)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS history_markers (key TEXT NOT NULL PRIMARY KEY, value TEXT NOT NULL);
        """;

    private readonly string _connectionString;
    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>A historian in the file at <paramref name="databasePath"/> (created with its folder when missing).</summary>
    public SqliteHistorian(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
        DatabasePath = path;
    }

    /// <summary>The database file.</summary>
    public string DatabasePath { get; }

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, "PRAGMA synchronous = FULL", cancellationToken);
        if (!_schemaReady)
        {
            await _schemaGate.WaitAsync(cancellationToken);
            try
            {
                if (!_schemaReady)
                {
                    await ExecuteAsync(connection, null, Schema, cancellationToken);
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

    protected override async Task InsertRawAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<(long Series, long At, double Value)> rows, CancellationToken cancellationToken)
    {
        // One prepared statement reused for every row of the batch: SQLite's fastest path without a bulk API.
        await using var command = Command(connection, transaction, "INSERT INTO history_raw(series, at, value) VALUES (@s, @at, @v) ON CONFLICT (series, at) DO NOTHING",
            ("@s", 0L), ("@at", 0L), ("@v", 0d));
        await command.PrepareAsync(cancellationToken);
        foreach (var (series, at, value) in rows)
        {
            command.Parameters[0].Value = series;
            command.Parameters[1].Value = at;
            command.Parameters[2].Value = value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
