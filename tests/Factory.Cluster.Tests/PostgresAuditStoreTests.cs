using Factory.Domain.Audit;
using Factory.Host.Audit;
using Npgsql;

namespace Factory.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PostgresAuditStoreTests(ClusterBackends backends) : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await backends.Postgres.CreateDatabaseAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Silos_appending_at_once_keep_one_linear_chain()
    {
        // Three stores are three silos: each its own connection pool, all appending concurrently.
        var silos = Enumerable.Range(0, 3).Select(_ => new PostgresAuditStore(_connectionString, TimeProvider.System)).ToList();
        try
        {
            var appended = await Task.WhenAll(silos.SelectMany((store, silo) => Enumerable.Range(0, 40).Select(i =>
                Task.Run(() => store.AppendAsync($"user{silo}", "machine.command", $"/api/v1/machines/M{i}", null, "accepted", $"{{\"i\":{i}}}")))));

            var all = await ToListAsync(silos[0].ReadAllAsync());
            Assert.Equal(120, all.Count);
            Assert.Equal(Enumerable.Range(1, 120).Select(i => (long)i), all.Select(e => e.Sequence));
            Assert.Null(AuditChain.Verify(all));
            // Every acknowledged append is the entry that was stored.
            Assert.Equal(appended.OrderBy(e => e.Sequence), all);
            Assert.True(all.Zip(all.Skip(1)).All(p => p.First.At <= p.Second.At), "entries are in time order");
            // The anchor moved with every append and stands at the newest entry.
            Assert.Equal(new AuditAnchor(120, all[^1].Hash), await silos[1].AnchorAsync());
        }
        finally
        {
            foreach (var store in silos)
            {
                await store.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task An_altered_or_removed_entry_is_found()
    {
        await using var store = new PostgresAuditStore(_connectionString, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            await store.AppendAsync("manager", "alarm.ack", $"/api/v1/alarms/{i}", i % 2 == 0 ? null : "checked", "accepted", null);
        }

        Assert.Null(AuditChain.Verify(await ToListAsync(store.ReadAllAsync())));

        await ExecuteAsync("UPDATE audit_trail SET who = 'someone else' WHERE sequence = 4");
        Assert.Equal(4, AuditChain.Verify(await ToListAsync(store.ReadAllAsync())));

        await ExecuteAsync("DELETE FROM audit_trail WHERE sequence <= 4");
        Assert.Equal(5, AuditChain.Verify(await ToListAsync(store.ReadAllAsync())));

        // Entries removed at the end leave a chain that links up; the anchor shows them missing.
        var anchor = await store.AnchorAsync();
        Assert.Equal(10, anchor!.Sequence);
        await ExecuteAsync("DELETE FROM audit_trail WHERE sequence > 8");
        var verifier = new AuditChainVerifier([anchor], startHash: (await ToListAsync(store.ReadAllAsync()))[0].PreviousHash);
        foreach (var entry in await ToListAsync(store.ReadAllAsync()))
        {
            verifier.Add(entry);
        }

        Assert.True(verifier.Result().Truncated);
    }

    [Fact]
    public async Task Queries_filter_by_time_user_and_action_prefix()
    {
        var clock = new SteppingClock(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(1));
        await using var store = new PostgresAuditStore(_connectionString, clock);
        await store.AppendAsync("Manager", "alarm.ack", "/a/1", null, "accepted", null);
        await store.AppendAsync("control", "alarm.shelve", "/a/2", "noisy", "accepted", null);
        await store.AppendAsync("manager", "machine.command", "/m/1", null, "refused (409): busy", "{\"command\":\"Start\"}");
        await store.AppendAsync("control", "plan.accept", "/p/1", null, "accepted", null);

        var alarms = await store.QueryAsync(new AuditQuery(Action: "alarm."));
        Assert.Equal(["alarm.ack", "alarm.shelve"], alarms.Select(e => e.Action));
        var manager = await store.QueryAsync(new AuditQuery(User: "MANAGER"));
        Assert.Equal([1L, 3L], manager.Select(e => e.Sequence));
        var window = await store.QueryAsync(new AuditQuery(From: clock.Start.AddMinutes(1), To: clock.Start.AddMinutes(3)));
        Assert.Equal([2L, 3L], window.Select(e => e.Sequence));
        Assert.Equal(2, (await store.QueryAsync(new AuditQuery(Limit: 2))).Count);
        Assert.Equal("{\"command\":\"Start\"}", manager[1].Details);
        Assert.Equal("noisy", alarms[1].Why);
    }

    [Fact]
    public async Task An_entry_without_who_is_refused_and_nothing_is_stored()
    {
        await using var store = new PostgresAuditStore(_connectionString, TimeProvider.System);
        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(" ", "x", "y", null, "accepted", null));
        Assert.Empty(await ToListAsync(store.ReadAllAsync()));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<AuditEntry>> ToListAsync(IAsyncEnumerable<AuditEntry> entries)
    {
        var list = new List<AuditEntry>();
        await foreach (var e in entries)
        {
            list.Add(e);
        }

        return list;
    }

    /// <summary>A clock that moves on by a fixed step each time it is read.</summary>
    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private long _reads;

        public DateTimeOffset Start => start;

        public override DateTimeOffset GetUtcNow() => start + (step * (Interlocked.Increment(ref _reads) - 1));
    }
}
