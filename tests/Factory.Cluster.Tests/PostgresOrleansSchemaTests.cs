using Factory.Host.Cluster;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Factory.Cluster.Tests;

/// <summary>The tables and queries of the PostgreSQL-only mode, created by the host in a real PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresOrleansSchemaTests(ClusterBackends backends)
{
    /// <summary>Every query key the Orleans ADO.NET clustering, reminders and persistence providers (10.4.2) ask for.</summary>
    private static readonly string[] ProviderQueries =
    [
        "UpdateIAmAlivetimeKey", "InsertMembershipVersionKey", "InsertMembershipKey", "UpdateMembershipKey", "MembershipReadRowKey",
        "MembershipReadAllKey", "DeleteMembershipTableEntriesKey", "GatewaysQueryKey", "CleanupDefunctSiloEntriesKey",
        "UpsertReminderRowKey", "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "DeleteReminderRowKey", "DeleteReminderRowsKey",
        "WriteToStorageKey", "ReadFromStorageKey", "ClearStorageKey", "DeleteStorageKey",
    ];

    [Fact]
    public async Task The_schema_is_created_on_start_holds_every_provider_query_and_can_run_again()
    {
        var connectionString = await backends.Postgres.CreateDatabaseAsync();
        var schema = new PostgresOrleansSchema(connectionString, NullLogger<PostgresOrleansSchema>.Instance);

        // Two hosts starting together, then a restart: the advisory lock takes them in turn and nothing fails.
        await Task.WhenAll(schema.EnsureAsync(CancellationToken.None), schema.EnsureAsync(CancellationToken.None));
        await schema.EnsureAsync(CancellationToken.None);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT querykey FROM orleansquery", connection);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                keys.Add(reader.GetString(0));
            }
        }

        Assert.Equal(ProviderQueries.Order(StringComparer.Ordinal), keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Grain_state_writes_conflict_on_a_stale_version_and_on_a_second_first_write()
    {
        var connectionString = await backends.Postgres.CreateDatabaseAsync();
        await new PostgresOrleansSchema(connectionString, NullLogger<PostgresOrleansSchema>.Instance).EnsureAsync(CancellationToken.None);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        async Task<int?> WriteAsync(int? version, string payload)
        {
            await using var lookup = new NpgsqlCommand("SELECT querytext FROM orleansquery WHERE querykey = 'WriteToStorageKey'", connection);
            var text = (string)(await lookup.ExecuteScalarAsync())!;
            await using var write = new NpgsqlCommand(text, connection);
            write.Parameters.AddWithValue("GrainIdHash", 42);
            write.Parameters.AddWithValue("GrainIdN0", 1L);
            write.Parameters.AddWithValue("GrainIdN1", 2L);
            write.Parameters.AddWithValue("GrainTypeHash", 7);
            write.Parameters.AddWithValue("GrainTypeString", "machine");
            write.Parameters.AddWithValue("GrainIdExtensionString", DBNull.Value);
            write.Parameters.AddWithValue("ServiceId", "factory");
            write.Parameters.AddWithValue("GrainStateVersion", version is { } v ? v : DBNull.Value);
            write.Parameters.AddWithValue("PayloadBinary", System.Text.Encoding.UTF8.GetBytes(payload));
            var result = await write.ExecuteScalarAsync();
            return result is DBNull or null ? null : (int)result;
        }

        Assert.Equal(1, await WriteAsync(null, "first"));
        Assert.Null(await WriteAsync(null, "a second first write"));      // refused: the grain already has a state
        Assert.Equal(2, await WriteAsync(1, "second"));
        Assert.Equal(1, await WriteAsync(1, "stale"));                    // refused: answers the version given
        await using var read = new NpgsqlCommand("SELECT convert_from(payloadbinary, 'UTF8'), version FROM orleans_storage", connection);
        await using var reader = await read.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("second", reader.GetString(0));
        Assert.Equal(2, reader.GetInt32(1));
        Assert.False(await reader.ReadAsync());
    }
}
