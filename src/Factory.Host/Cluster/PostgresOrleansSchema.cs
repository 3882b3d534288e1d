using Npgsql;

namespace Factory.Host.Cluster;

/// <summary>
/// Creates (or brings up to date) the tables and queries the Orleans ADO.NET providers need in PostgreSQL
/// (<c>PostgresOrleansSchema.sql</c>), before the silo's membership starts. Hosts starting together take turns
/// through an advisory lock, so the script runs once at a time.
/// </summary>
public sealed class PostgresOrleansSchema(string connectionString, ILogger<PostgresOrleansSchema> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The advisory lock key of schema creation ("FACTORY0" as a number).</summary>
    private const long SchemaLock = 0x464143544F525930;

    private static readonly Lazy<string> Script = new(() =>
    {
        using var stream = typeof(PostgresOrleansSchema).Assembly.GetManifestResourceStream("Factory.Host.Cluster.PostgresOrleansSchema.sql")
            ?? throw new InvalidOperationException("the embedded PostgresOrleansSchema.sql is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(PostgresOrleansSchema), ServiceLifecycleStage.First, EnsureAsync);

    /// <summary>Runs the script in one transaction.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("key", SchemaLock);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var command = new NpgsqlCommand(Script.Value, connection, transaction))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("PostgreSQL schema for Orleans membership, reminders and grain state is in place");
    }
}
