using Factory.Domain.History;
using Factory.Grains.History;
using Factory.Grains.Tests.History;
using Npgsql;

namespace Factory.Cluster.Tests;

/// <summary>The historian contract on a real PostgreSQL, plus what only it does: monthly partitions dropped whole by retention.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresHistorianTests(ClusterBackends backends) : HistorianContract, IAsyncLifetime
{
    private readonly List<PostgresHistorian> _stores = [];
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await backends.Postgres.CreateDatabaseAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }
    }

    protected override Task<IHistorian> CreateAsync() => Task.FromResult<IHistorian>(Open());

    protected override Task<IHistorian> ReopenAsync() => Task.FromResult<IHistorian>(Open());

    private PostgresHistorian Open()
    {
        var store = new PostgresHistorian(_connectionString);
        _stores.Add(store);
        return store;
    }

    [Fact]
    public async Task Raw_samples_land_in_monthly_partitions_and_a_month_past_retention_is_dropped_whole()
    {
        var store = Open();
        var january = new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero);
        // Two hours across a month boundary, at 1 min.
        await store.AppendAsync(new HistoryBatch([.. Enumerable.Range(0, 120).Select(i => new TagSample("M1", "speed", january.AddMinutes(i), i))], [], []));
        Assert.Equal(["history_raw_p202601", "history_raw_p202602"], await store.PartitionsAsync());

        await store.RollupAsync(january.AddHours(2));
        var dropped = await store.ApplyRetentionAsync(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero), HistoryRetention.Default);

        // 30 days before March 3 is February 1: January's partition (60 rows) goes whole, February's rows stay.
        Assert.Equal(60, dropped.Raw);
        Assert.Equal(["history_raw_p202602"], await store.PartitionsAsync());
        var trend = await store.QueryAsync("M1", "speed", HistoryWindow.Create(january, january.AddHours(2), 2).Window!);
        Assert.Equal([(january, 0d, 59d, 60L), (january.AddHours(1), 60d, 119d, 60L)], trend.Points.Select(p => (p.At, p.Min, p.Max, p.Count)));
    }

    [Fact]
    public async Task Two_silos_appending_at_once_store_every_sample_once()
    {
        var silos = new[] { Open(), Open() };
        var t = new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);

        await Task.WhenAll(silos.SelectMany((store, silo) => Enumerable.Range(0, 10).Select(chunk =>
            store.AppendAsync(new HistoryBatch([.. Enumerable.Range(chunk * 100, 100).Select(i => new TagSample($"M{silo}", "speed", t.AddSeconds(i), i))], [], [])))));

        foreach (var machine in new[] { "M0", "M1" })
        {
            var trend = await silos[0].QueryAsync(machine, "speed", HistoryWindow.Create(t, t.AddHours(1), 1000).Window!);
            Assert.Equal(Enumerable.Range(0, 1000).Select(i => (double)i), trend.Points.Select(p => p.Last));
        }

        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM history_series", connection);
        Assert.Equal(2L, await command.ExecuteScalarAsync());
    }
}
