using Factory.Grains.Storage;
using Orleans.Runtime;
using Orleans.Storage;

namespace Factory.Grains.Tests;

public sealed class SqliteGrainStorageTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "factory-storage-" + Guid.NewGuid().ToString("N"), "factory.db");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_write_is_read_back_by_a_new_storage_instance()
    {
        var id = GrainId.Create("machine", "m1");
        var written = new GrainState<Sample> { State = new Sample { Name = "CNC", Count = 42 } };
        await new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path }).WriteStateAsync("s", id, written);

        var read = new GrainState<Sample> { State = new Sample() };
        await new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path }).ReadStateAsync("s", id, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.Equal("CNC", read.State.Name);
        Assert.Equal(42, read.State.Count);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_rejected_and_leaves_the_stored_state()
    {
        var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        var id = GrainId.Create("machine", "m2");
        var first = new GrainState<Sample> { State = new Sample { Count = 1 } };
        await storage.WriteStateAsync("s", id, first);
        var stale = new GrainState<Sample> { State = new Sample { Count = 99 }, ETag = "stale" };
        var fresh = new GrainState<Sample> { State = new Sample { Count = 2 }, ETag = first.ETag };
        await storage.WriteStateAsync("s", id, fresh);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, stale));
        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("s", id, new GrainState<Sample> { State = new Sample() }));

        var read = new GrainState<Sample> { State = new Sample() };
        await storage.ReadStateAsync("s", id, read);
        Assert.Equal(2, read.State.Count);
    }

    [Fact]
    public async Task Clear_removes_the_record()
    {
        var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        var id = GrainId.Create("machine", "m3");
        var state = new GrainState<Sample> { State = new Sample { Count = 5 } };
        await storage.WriteStateAsync("s", id, state);

        await storage.ClearStateAsync("s", id, state);

        var read = new GrainState<Sample> { State = new Sample() };
        await storage.ReadStateAsync("s", id, read);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
    }

    [Fact]
    public async Task Concurrent_writes_commit_together_and_a_stale_one_among_them_fails_alone()
    {
        var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        var existing = GrainId.Create("machine", "kept");
        var kept = new GrainState<Sample> { State = new Sample { Count = 7 } };
        await storage.WriteStateAsync("s", existing, kept);

        // A thousand machines' writes at once, with stale writes to one of them in the middle of the batches.
        var states = Enumerable.Range(0, 1000).Select(i => new GrainState<Sample> { State = new Sample { Name = $"m{i}", Count = i } }).ToList();
        var writes = states.Select((state, i) => storage.WriteStateAsync("s", GrainId.Create("machine", $"m{i}"), state)).ToList();
        var stale = Enumerable.Range(0, 10)
            .Select(_ => storage.WriteStateAsync("s", existing, new GrainState<Sample> { State = new Sample { Count = -1 }, ETag = "stale" })).ToList();
        await Task.WhenAll(writes);
        foreach (var refused in stale)
        {
            await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        }

        var reader = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        for (var i = 0; i < states.Count; i++)
        {
            var read = new GrainState<Sample> { State = new Sample() };
            await reader.ReadStateAsync("s", GrainId.Create("machine", $"m{i}"), read);
            Assert.Equal((states[i].ETag, i), (read.ETag, read.State.Count));
        }

        var survivor = new GrainState<Sample> { State = new Sample() };
        await reader.ReadStateAsync("s", existing, survivor);
        Assert.Equal((kept.ETag, 7), (survivor.ETag, survivor.State.Count));
    }

    [Fact]
    public async Task Disposing_the_storage_commits_the_writes_still_queued()
    {
        var storage = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        var writes = Enumerable.Range(0, 300)
            .Select(i => storage.WriteStateAsync("s", GrainId.Create("machine", $"q{i}"), new GrainState<Sample> { State = new Sample { Count = i } })).ToList();
        storage.Dispose();
        await Task.WhenAll(writes);

        var reader = new SqliteGrainStorage(new SqliteStorageOptions { DatabasePath = _path });
        var last = new GrainState<Sample> { State = new Sample() };
        await reader.ReadStateAsync("s", GrainId.Create("machine", "q299"), last);
        Assert.Equal(299, last.State.Count);
    }

    public sealed class Sample
    {
        public string Name { get; set; } = "";

        public int Count { get; set; }
    }

    private sealed class GrainState<T> : IGrainState<T>
    {
        [System.Diagnostics.CodeAnalysis.AllowNull]
        public T State { get; set; } = default!;

        public string? ETag { get; set; }

        public bool RecordExists { get; set; }
    }
}
