using Npgsql;
using Orleans.Storage;

namespace Factory.Grains.Storage;

/// <summary>
/// Grain state in a PostgreSQL table, as JSON, with the same contract as <see cref="SqliteGrainStorage"/>: a first
/// write fails if a record already exists, later writes and clears fail unless the stored ETag is the one read.
/// Several silos share the table; the ETag is what keeps two activations of a grain from overwriting each other.
/// A write returns once PostgreSQL has committed it.
/// </summary>
public sealed class PostgresGrainStorage : IGrainStorage, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _schemaGate = new();
    private Task? _schema;

    public PostgresGrainStorage(PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new ArgumentException("the PostgreSQL grain storage needs a connection string", nameof(options));
        }

        _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
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
        using var measured = GrainMetrics.MeasureStorageWrite("postgres");
        var newETag = GrainStateJson.NewETag();
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand
        {
            Connection = connection,
            CommandText = grainState.ETag is null
                ? """
                  INSERT INTO grain_state (grain_id, state_name, etag, payload) VALUES (@id, @name, @etag, @payload)
                  ON CONFLICT (grain_id, state_name) DO NOTHING
                  """
                : """
                  UPDATE grain_state SET etag = @etag, payload = @payload
                  WHERE grain_id = @id AND state_name = @name AND etag = @expected
                  """,
        };
        command.Parameters.AddWithValue("id", grainId.ToString());
        command.Parameters.AddWithValue("name", stateName);
        command.Parameters.AddWithValue("etag", newETag);
        command.Parameters.AddWithValue("payload", GrainStateJson.Serialize(grainState.State));
        command.Parameters.AddWithValue("expected", grainState.ETag ?? string.Empty);
        GrainStateJson.Written(await command.ExecuteNonQueryAsync(), stateName, grainId, grainState, newETag);
    }

    /// <inheritdoc />
    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand(
            "DELETE FROM grain_state WHERE grain_id = @id AND state_name = @name AND etag IS NOT DISTINCT FROM @expected", connection);
        command.Parameters.AddWithValue("id", grainId.ToString());
        command.Parameters.AddWithValue("name", stateName);
        command.Parameters.Add(new NpgsqlParameter("expected", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)grainState.ETag ?? DBNull.Value });
        GrainStateJson.Cleared(await command.ExecuteNonQueryAsync(), stateName, grainId, grainState);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task<NpgsqlConnection> OpenAsync()
    {
        Task schema;
        lock (_schemaGate)
        {
            // A failed attempt (database not up yet) is retried by the next call instead of failing forever.
            schema = _schema is { IsFaulted: false, IsCanceled: false } ? _schema : _schema = CreateSchemaAsync();
        }

        await schema;
        return await _dataSource.OpenConnectionAsync();
    }

    private async Task CreateSchemaAsync()
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Two silos running CREATE TABLE IF NOT EXISTS at once can both pass the check; the lock (any fixed
        // number) makes one wait for the other.
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_advisory_xact_lock(4711000001);
            CREATE TABLE IF NOT EXISTS grain_state (
                grain_id   TEXT NOT NULL,
                state_name TEXT NOT NULL,
                etag       TEXT NOT NULL,
                payload    TEXT NOT NULL,
                PRIMARY KEY (grain_id, state_name)
            );
            """, connection, transaction);
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
