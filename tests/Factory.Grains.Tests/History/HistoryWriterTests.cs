using Factory.Domain.History;
using Factory.Grains.History;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factory.Grains.Tests.History;

/// <summary>The group-commit writer on a real SQLite file: coalesced commits, every acknowledged batch stored, drained on dispose.</summary>
public sealed class HistoryWriterTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);
    private readonly string _directory = Directory.CreateTempSubdirectory("factory-writer-").FullName;

    private string DatabasePath => Path.Combine(_directory, "history.db");

    private static HistoryBatch Batch(string machine, int index, double value = 1) =>
        new([.. Enumerable.Range(0, 10).Select(t => new TagSample(machine, $"tag{t}", T0.AddSeconds(index), value))], [], []);

    [Fact]
    public async Task Batches_appended_at_once_are_coalesced_and_every_acknowledged_one_is_stored()
    {
        var writer = new HistoryWriter(new SqliteHistorian(DatabasePath), NullLogger<HistoryWriter>.Instance);
        await Task.WhenAll(Enumerable.Range(0, 50).Select(m => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await writer.AppendAsync(Batch($"M{m}", i));
            }
        })));

        Assert.Equal(50 * 20 * 10, writer.CommittedRows);
        Assert.True(writer.Commits < 50 * 20, $"{writer.Commits} commits for 1000 batches");
        var store = new SqliteHistorian(DatabasePath);
        var window = HistoryWindow.Create(T0, T0.AddMinutes(1)).Window!;
        foreach (var m in new[] { "M0", "M49" })
        {
            Assert.Equal(20, (await store.QueryAsync(m, "tag9", window)).Points.Count);
        }

        await writer.DisposeAsync();
    }

    [Fact]
    public async Task Disposing_the_writer_stores_everything_queued_before_it_returns()
    {
        var writer = new HistoryWriter(new SqliteHistorian(DatabasePath), NullLogger<HistoryWriter>.Instance);
        var stored = new List<Task>();
        for (var i = 0; i < 500; i++)
        {
            stored.Add(await writer.EnqueueAsync(Batch("M1", i)));
        }

        await writer.DisposeAsync();

        Assert.All(stored, t => Assert.True(t.IsCompletedSuccessfully));
        var trend = await new SqliteHistorian(DatabasePath).QueryAsync("M1", "tag0", HistoryWindow.Create(T0, T0.AddHours(1)).Window!);
        Assert.Equal(500, trend.Points.Count);
    }

    [Fact]
    public async Task A_bad_batch_fails_only_its_own_caller_and_the_batches_committed_with_it_are_stored()
    {
        var writer = new HistoryWriter(new SqliteHistorian(DatabasePath), NullLogger<HistoryWriter>.Instance);
        var good = new List<Task>();
        for (var i = 0; i < 20; i++)
        {
            good.Add(await writer.EnqueueAsync(Batch("M1", i)));
        }

        var bad = await writer.EnqueueAsync(Batch("M2", 0, double.PositiveInfinity));
        good.Add(await writer.EnqueueAsync(Batch("M1", 20)));
        await writer.DisposeAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => bad);
        await Task.WhenAll(good);
        var store = new SqliteHistorian(DatabasePath);
        Assert.Equal(21, (await store.QueryAsync("M1", "tag0", HistoryWindow.Create(T0, T0.AddHours(1)).Window!)).Points.Count);
        Assert.Empty(await store.TagsAsync("M2"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open for a moment; a leftover temp folder is harmless.
        }
    }
}
