using Factory.Grains.Storage;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Factory.Cluster.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PostgresGrainStorageTests(ClusterBackends backends) : IAsyncLifetime
{
    private readonly string _sqliteDirectory = Directory.CreateTempSubdirectory("factory-storage-").FullName;
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await backends.Postgres.CreateDatabaseAsync();

    public Task DisposeAsync()
    {
        Directory.Delete(_sqliteDirectory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_write_is_read_back_by_another_silo_with_its_etag()
    {
        var grain = GrainId.Create("machine", "CNC-01");
        await using var silo1 = Storage();
        await using var silo2 = Storage();
        var written = new GrainState<Counter> { State = new Counter(7, "seven", Mood.Busy) };
        await silo1.WriteStateAsync("state", grain, written);

        var read = new GrainState<Counter>();
        await silo2.ReadStateAsync("state", grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal(new Counter(7, "seven", Mood.Busy), read.State);
    }

    [Fact]
    public async Task Silos_starting_together_create_the_table_once_and_all_work()
    {
        // Each storage is a silo's: they all find no table and create it at the same moment.
        var silos = Enumerable.Range(0, 6).Select(_ => Storage()).ToList();
        try
        {
            await Task.WhenAll(silos.Select((storage, i) => Task.Run(() =>
                storage.WriteStateAsync("state", GrainId.Create("machine", $"S{i}"), new GrainState<Counter> { State = new Counter(i, "", Mood.Idle) }))));

            for (var i = 0; i < silos.Count; i++)
            {
                var read = new GrainState<Counter>();
                await silos[(i + 1) % silos.Count].ReadStateAsync("state", GrainId.Create("machine", $"S{i}"), read);
                Assert.Equal(i, read.State!.Value);
            }
        }
        finally
        {
            foreach (var storage in silos)
            {
                await storage.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_missing_record_reads_as_absent()
    {
        await using var storage = Storage();
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("state", GrainId.Create("machine", "NONE"), read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task A_stale_etag_is_refused_and_changes_nothing()
    {
        var grain = GrainId.Create("machine", "CNC-02");
        await using var storage = Storage();
        var first = new GrainState<Counter> { State = new Counter(1, "one", Mood.Idle) };
        await storage.WriteStateAsync("state", grain, first);
        var stale = new GrainState<Counter> { State = new Counter(2, "two", Mood.Idle), ETag = first.ETag };
        first.State = new Counter(3, "three", Mood.Busy);
        await storage.WriteStateAsync("state", grain, first);
        var etagBefore = first.ETag;

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("state", grain, stale));

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(3, read.State!.Value);
        Assert.Equal(etagBefore, read.ETag);
        Assert.Equal(etagBefore, first.ETag);
    }

    [Fact]
    public async Task A_first_write_is_refused_when_a_record_exists()
    {
        var grain = GrainId.Create("machine", "CNC-03");
        await using var storage = Storage();
        await storage.WriteStateAsync("state", grain, new GrainState<Counter> { State = new Counter(1, "one", Mood.Idle) });

        await Assert.ThrowsAsync<InconsistentStateException>(() =>
            storage.WriteStateAsync("state", grain, new GrainState<Counter> { State = new Counter(9, "nine", Mood.Idle) }));

        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("state", grain, read);
        Assert.Equal(1, read.State!.Value);
    }

    [Fact]
    public async Task Clear_removes_the_record_but_not_with_a_stale_etag()
    {
        var grain = GrainId.Create("machine", "CNC-04");
        await using var storage = Storage();
        var state = new GrainState<Counter> { State = new Counter(1, "one", Mood.Idle) };
        await storage.WriteStateAsync("state", grain, state);
        var stale = new GrainState<Counter> { ETag = state.ETag };
        await storage.WriteStateAsync("state", grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync("state", grain, stale));
        await storage.ClearStateAsync("state", grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = new GrainState<Counter>();
        await storage.ReadStateAsync("state", grain, read);
        Assert.False(read.RecordExists);
        // Gone means a first write may create it again.
        await storage.WriteStateAsync("state", grain, new GrainState<Counter> { State = new Counter(5, "again", Mood.Idle) });
    }

    [Fact]
    public async Task States_are_kept_apart_by_grain_and_state_name()
    {
        await using var storage = Storage();
        var a = GrainId.Create("machine", "A");
        var b = GrainId.Create("line", "A");
        await storage.WriteStateAsync("state", a, new GrainState<Counter> { State = new Counter(1, "a", Mood.Idle) });
        await storage.WriteStateAsync("state", b, new GrainState<Counter> { State = new Counter(2, "b", Mood.Idle) });
        await storage.WriteStateAsync("log", a, new GrainState<Counter> { State = new Counter(3, "a-log", Mood.Idle) });

        foreach (var (grain, name, value) in new[] { (a, "state", 1), (b, "state", 2), (a, "log", 3) })
        {
            var read = new GrainState<Counter>();
            await storage.ReadStateAsync(name, grain, read);
            Assert.Equal(value, read.State!.Value);
        }
    }

    /// <summary>
    /// The contract is the SQLite store's: two activations of one grain (one of them going stale) read, write and
    /// clear in a random order, and both stores must answer every step the same way.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Agrees_with_the_sqlite_store_step_by_step(int seed)
    {
        var grain = GrainId.Create("machine", $"M-{seed}");
        await using var postgres = Storage();
        var sqlite = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = Path.Combine(_sqliteDirectory, $"{seed}.db") });
        var pgActivations = new[] { new GrainState<Counter>(), new GrainState<Counter>() };
        var sqliteActivations = new[] { new GrainState<Counter>(), new GrainState<Counter>() };
        var random = new Random(seed);
        for (var step = 0; step < 60; step++)
        {
            var op = random.Next(3);
            var who = random.Next(2);
            var value = random.Next(1000);
            var expected = await StepAsync(sqlite, grain, sqliteActivations[who], op, value);
            var actual = await StepAsync(postgres, grain, pgActivations[who], op, value);
            Assert.True(expected == actual, $"step {step} (op {op} by activation {who}): sqlite {expected}, postgres {actual}");
        }
    }

    private static async Task<string> StepAsync(IGrainStorage storage, GrainId grain, GrainState<Counter> activation, int op, int value)
    {
        try
        {
            switch (op)
            {
                case 0:
                    await storage.ReadStateAsync("state", grain, activation);
                    break;
                case 1:
                    activation.State = new Counter(value, $"v{value}", Mood.Busy);
                    await storage.WriteStateAsync("state", grain, activation);
                    break;
                default:
                    await storage.ClearStateAsync("state", grain, activation);
                    break;
            }

            return $"ok exists={activation.RecordExists} etag={activation.ETag is not null} value={(activation.RecordExists ? activation.State?.Value : null)}";
        }
        catch (InconsistentStateException)
        {
            return "conflict";
        }
    }

    private PostgresGrainStorage Storage() => new(new PostgresStorageOptions { ConnectionString = _connectionString });

    private enum Mood
    {
        Idle,
        Busy,
    }

    private sealed record Counter(int Value, string Note, Mood Mood);
}
