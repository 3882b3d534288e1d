using Microsoft.Data.Sqlite;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>
/// Grain state in one SQLite file, as JSON, with optimistic concurrency on an ETag. A write returns only
/// after SQLite has committed it with <c>synchronous=FULL</c> in WAL mode, so an acknowledged write survives
/// a killed process (and a power cut). Writes go through one <see cref="StateCommitQueue"/> (group commit); reads use
/// pooled connections of their own.
/// </summary>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    // FULL makes every commit durable before we acknowledge it; WAL keeps readers off the writer's back.
    private const string Pragmas = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 30000;";

    private readonly string _connectionString;
    private readonly Lazy<Task> _schema;
    private readonly StateCommitQueue _commits;

    public SqliteGrainStorage(SqliteStorageOptions options)
    {
        var path = Path.GetFullPath(options.DatabasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        _schema = new Lazy<Task>(CreateSchemaAsync);
        _commits = new StateCommitQueue(OpenWriter);
    }

    /// <inheritdoc />
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await GrainStateJson.ReadAsync(connection, stateName, grainId, grainState);
    }

    /// <inheritdoc />
    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        using var measured = GrainMetrics.MeasureStorageWrite("sqlite");
        var newETag = GrainStateJson.NewETag();
        var parameters = new List<KeyValuePair<string, object>>
        {
            new("$id", grainId.ToString()),
            new("$name", stateName),
            new("$etag", newETag),
            new("$payload", GrainStateJson.Serialize(grainState.State)),
        };
        string sql;
        if (grainState.ETag is null)
        {
            sql = """
                INSERT INTO grain_state (grain_id, state_name, etag, payload) VALUES ($id, $name, $etag, $payload)
                ON CONFLICT (grain_id, state_name) DO NOTHING
                """;
        }
        else
        {
            sql = """
                UPDATE grain_state SET etag = $etag, payload = $payload
                WHERE grain_id = $id AND state_name = $name AND etag = $expected
                """;
            parameters.Add(new("$expected", grainState.ETag));
        }

        GrainStateJson.Written(await _commits.CommitAsync(new StateChange(sql, parameters)), stateName, grainId, grainState, newETag);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var change = new StateChange("DELETE FROM grain_state WHERE grain_id = $id AND state_name = $name AND etag IS $expected",
        [
            new("$id", grainId.ToString()),
            new("$name", stateName),
            new("$expected", (object?)grainState.ETag ?? DBNull.Value),
        ]);
        GrainStateJson.Cleared(await _commits.CommitAsync(change), stateName, grainId, grainState);
    }

    /// <summary>Commits the writes still queued; later writes fail.</summary>
    public void Dispose() => _commits.Dispose();

    // The commit queue's own connection, opened on its writer thread (SQLite's calls are synchronous anyway).
    private SqliteConnection OpenWriter()
    {
        _schema.Value.GetAwaiter().GetResult();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        pragma.ExecuteNonQuery();
        return connection;
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        await _schema.Value;
        return await OpenRawAsync();
    }

    private async Task<SqliteConnection> OpenRawAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = Pragmas;
        await pragma.ExecuteNonQueryAsync();
        return connection;
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await OpenRawAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS grain_state (
                grain_id   TEXT NOT NULL,
                state_name TEXT NOT NULL,
                etag       TEXT NOT NULL,
                payload    TEXT NOT NULL,
                PRIMARY KEY (grain_id, state_name)
            ) WITHOUT ROWID;
            """;
        await command.ExecuteNonQueryAsync();
    }
}
