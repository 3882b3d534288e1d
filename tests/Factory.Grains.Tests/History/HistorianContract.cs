using Factory.Domain;
using Factory.Domain.History;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Grains.Tests.History;

/// <summary>
/// What every historian store must do, run against a real database by each store's test class (SQLite files here,
/// a real PostgreSQL in the cluster tests): append, raw and bucketed queries, rollup, late data, retention, states, counts.
/// </summary>
public abstract class HistorianContract
{
    protected static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    protected abstract Task<IHistorian> CreateAsync();

    /// <summary>Another store instance on the same database (a restart).</summary>
    protected abstract Task<IHistorian> ReopenAsync();

    private static HistoryWindow Window(DateTimeOffset from, DateTimeOffset to, int points = HistoryWindow.DefaultPoints) =>
        HistoryWindow.Create(from, to, points).Window!;

    private static HistoryBatch Tags(IEnumerable<TagSample> samples) => new([.. samples], [], []);

    private static IEnumerable<TagSample> Series(string machine, string tag, DateTimeOffset from, TimeSpan step, int count, Func<int, double> value) =>
        Enumerable.Range(0, count).Select(i => new TagSample(machine, tag, from + (step * i), value(i)));

    [Fact]
    public async Task Appended_samples_read_back_raw_with_the_value_in_force_before_the_window()
    {
        var store = await CreateAsync();
        await store.AppendAsync(Tags(Series("M1", "speed", T0, TimeSpan.FromSeconds(1), 120, i => i * 0.5)));
        await store.AppendAsync(Tags(Series("M2", "speed", T0, TimeSpan.FromSeconds(1), 120, _ => 99)));

        var trend = await store.QueryAsync("M1", "speed", Window(T0.AddSeconds(10), T0.AddSeconds(20)));

        Assert.True(trend.IsRaw);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => (T0.AddSeconds(i), i * 0.5)), trend.Points.Select(p => (p.At, p.Last)));
        Assert.Equal((T0.AddSeconds(9), 4.5), (trend.Prior!.At, trend.Prior.Last));
        Assert.Equal(["speed"], await store.TagsAsync("M2"));
    }

    [Fact]
    public async Task Appending_the_same_batch_again_stores_its_rows_once_and_they_survive_a_restart()
    {
        var store = await CreateAsync();
        var batch = Tags(Series("M1", "temp", T0, TimeSpan.FromMilliseconds(100), 50, i => 20 + i));
        await store.AppendAsync(batch);
        await store.AppendAsync(batch);

        var reopened = await ReopenAsync();
        var trend = await reopened.QueryAsync("M1", "temp", Window(T0, T0.AddMinutes(1)));

        Assert.Equal(50, trend.Points.Count);
        Assert.Equal(batch.Tags.Select(s => s.Value), trend.Points.Select(p => p.Last));
    }

    [Fact]
    public async Task More_samples_than_points_come_back_as_buckets_with_every_spike_kept()
    {
        var store = await CreateAsync();
        // One hour at 1 s with one spike: 3600 samples for a budget of 100 points.
        await store.AppendAsync(Tags(Series("M1", "speed", T0, TimeSpan.FromSeconds(1), 3600, i => i == 1234 ? 1000 : 10 + (i % 7))));

        var trend = await store.QueryAsync("M1", "speed", Window(T0, T0.AddHours(1), 100));

        Assert.False(trend.IsRaw);
        Assert.Equal(TimeSpan.FromSeconds(36), trend.BucketWidth);
        Assert.Equal(100, trend.Points.Count);
        Assert.Equal(3600, trend.Points.Sum(p => p.Count));
        Assert.Equal(1000, trend.Points.Max(p => p.Max));
        Assert.Equal(10, trend.Points.Min(p => p.Min));
        Assert.Equal(10, trend.Points[0].First);
        Assert.Equal(10 + (3599 % 7), trend.Points[^1].Last);
    }

    [Fact]
    public async Task A_trend_is_the_same_before_and_after_rollup_and_long_windows_are_read_from_rollups()
    {
        var store = await CreateAsync();
        // Two days at 10 s.
        var samples = Series("M1", "spindle", T0, TimeSpan.FromSeconds(10), 17_280, i => Math.Round(Math.Sin(i / 50.0) * 100, 3)).ToList();
        foreach (var chunk in samples.Chunk(5000))
        {
            await store.AppendAsync(Tags(chunk));
        }

        var window = Window(T0, T0.AddDays(2), 48);
        Assert.Equal(HistorySource.Hours, window.Source);
        var before = await store.QueryAsync("M1", "spindle", window);
        await store.RollupAsync(T0.AddDays(2));
        var after = await store.QueryAsync("M1", "spindle", window);
        var minutes = await store.QueryAsync("M1", "spindle", Window(T0, T0.AddDays(2), 800));

        var expected = TrendBuckets.Merge(samples.Select(s => TrendPoint.Raw(s.At, s.Value)), TimeSpan.FromHours(1));
        Assert.Equal(48, expected.Count);
        AssertSame(expected, before.Points);
        AssertSame(expected, after.Points);
        Assert.Equal(HistorySource.Minutes, minutes.Window.Source);
        AssertSame(TrendBuckets.Merge(samples.Select(s => TrendPoint.Raw(s.At, s.Value)), TimeSpan.FromMinutes(4)), minutes.Points);
    }

    [Fact]
    public async Task A_late_sample_before_what_was_rolled_up_is_rolled_up_again()
    {
        var store = await CreateAsync();
        await store.AppendAsync(Tags(Series("M1", "speed", T0, TimeSpan.FromSeconds(30), 240, _ => 5)));
        await store.RollupAsync(T0.AddHours(2));

        await store.AppendAsync(Tags([new TagSample("M1", "speed", T0.AddMinutes(10).AddSeconds(15), 500)]));
        await store.RollupAsync(T0.AddHours(2));
        await store.ApplyRetentionAsync(T0.AddDays(400), new HistoryRetention(TimeSpan.FromDays(1), TimeSpan.FromDays(800), TimeSpan.FromDays(900)));

        // The raw samples are gone (past retention); the minutes and hours hold the late one.
        var minutes = await store.QueryAsync("M1", "speed", Window(T0, T0.AddHours(2), 120));
        var hours = await store.QueryAsync("M1", "speed", Window(T0, T0.AddHours(2), 2));
        Assert.Empty((await store.QueryAsync("M1", "speed", Window(T0, T0.AddHours(2)))).Points);
        Assert.Equal(HistorySource.Minutes, minutes.Window.Source);
        Assert.Equal(120, minutes.Points.Count);
        Assert.Equal((500d, 3L), (minutes.Points[10].Max, minutes.Points[10].Count));
        Assert.Equal(241, minutes.Points.Sum(p => p.Count));
        Assert.Equal((5d, 500d), (hours.Points[0].Min, hours.Points[0].Max));
        Assert.Equal(241, hours.Points.Sum(p => p.Count));
    }

    [Fact]
    public async Task Retention_drops_raw_samples_only_once_rolled_up_and_keeps_the_rollups()
    {
        var store = await CreateAsync();
        var old = T0.AddDays(-40);
        await store.AppendAsync(Tags(Series("M1", "speed", old, TimeSpan.FromMinutes(1), 120, i => i)));
        await store.AppendAsync(Tags(Series("M1", "speed", T0, TimeSpan.FromMinutes(1), 120, i => i)));

        var notRolledUp = await store.ApplyRetentionAsync(T0, HistoryRetention.Default);
        Assert.Equal(new RetentionResult(0, 0, 0), notRolledUp);

        await store.RollupAsync(T0);
        var dropped = await store.ApplyRetentionAsync(T0, HistoryRetention.Default);
        Assert.Equal(120, dropped.Raw);

        var oldTrend = await store.QueryAsync("M1", "speed", Window(old, old.AddHours(2), 2));
        Assert.Equal([(old, 0d, 59d, 60L), (old.AddHours(1), 60d, 119d, 60L)], oldTrend.Points.Select(p => (p.At, p.Min, p.Max, p.Count)));
        var rawGone = await store.QueryAsync("M1", "speed", Window(old, old.AddHours(2)));
        Assert.Empty(rawGone.Points);
        var recent = await store.QueryAsync("M1", "speed", Window(T0, T0.AddHours(2)));
        Assert.Equal(120, recent.Points.Count);
    }

    [Fact]
    public async Task States_come_back_with_the_one_in_force_at_the_start_and_a_reason_attached_later()
    {
        var store = await CreateAsync();
        MachineStateEvent State(int minute, PackMlState state, string? reason = null) =>
            new("M1", T0.AddMinutes(minute), state, UnitMode.Production, DataQuality.Good, reason, "WO-1");
        await store.AppendAsync(new HistoryBatch([], [State(0, PackMlState.Execute), State(10, PackMlState.Held), State(20, PackMlState.Execute), State(30, PackMlState.Stopped)], []));
        await store.AppendAsync(new HistoryBatch([], [State(10, PackMlState.Held, "jam")], []));

        var states = await store.StatesAsync("M1", T0.AddMinutes(5), T0.AddMinutes(30));

        Assert.Equal([State(0, PackMlState.Execute), State(10, PackMlState.Held, "jam"), State(20, PackMlState.Execute)], states);
        Assert.Empty(await store.StatesAsync("M2", T0, T0.AddHours(1)));
    }

    [Fact]
    public async Task Counts_read_back_exactly_including_two_at_the_same_instant()
    {
        var store = await CreateAsync();
        var counts = new[]
        {
            new ProductionCount("M1", T0, 10, 1, 0, TimeSpan.FromSeconds(6), "WO-1"),
            new ProductionCount("M1", T0, 3, 0, 1, TimeSpan.FromSeconds(6), "WO-1"),
            new ProductionCount("M1", T0.AddMinutes(1), 7, 0, 0, TimeSpan.FromTicks(12_345_678), null),
        };
        await store.AppendAsync(new HistoryBatch([], [], counts));
        await store.AppendAsync(new HistoryBatch([], [], counts));

        Assert.Equal(counts, await store.CountsAsync("M1", T0, T0.AddMinutes(2)));
        Assert.Equal(counts[2..], await store.CountsAsync("M1", T0.AddSeconds(1), T0.AddMinutes(2)));
    }

    [Fact]
    public async Task A_value_that_is_not_a_finite_number_is_refused_and_nothing_of_its_batch_is_stored()
    {
        var store = await CreateAsync();
        var batch = Tags([new TagSample("M1", "speed", T0, 1), new TagSample("M1", "speed", T0.AddSeconds(1), double.NaN)]);

        await Assert.ThrowsAsync<ArgumentException>(() => store.AppendAsync(batch));

        Assert.Empty((await store.QueryAsync("M1", "speed", Window(T0, T0.AddMinutes(1)))).Points);
    }

    [Fact]
    public async Task Markers_survive_a_restart()
    {
        var store = await CreateAsync();
        await store.SetMarkerAsync("migrated:M1", "42");
        await store.SetMarkerAsync("migrated:M1", "43");

        Assert.Equal("43", await (await ReopenAsync()).GetMarkerAsync("migrated:M1"));
        Assert.Null(await store.GetMarkerAsync("migrated:M2"));
    }

    private static void AssertSame(IReadOnlyList<TrendPoint> expected, IReadOnlyList<TrendPoint> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            Assert.Equal((e.At, e.Min, e.Max, e.First, e.Last, e.Count), (a.At, a.Min, a.Max, a.First, a.Last, a.Count));
            Assert.Equal(e.Sum, a.Sum, 6);
        }
    }
}
