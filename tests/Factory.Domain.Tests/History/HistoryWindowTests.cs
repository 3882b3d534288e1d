using Factory.Domain;
using Factory.Domain.History;

namespace Factory.Domain.Tests.History;

public sealed class HistoryWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 0, 800, "'from' must be before 'to'")]
    [InlineData(60, 0, 800, "'from' must be before 'to'")]
    [InlineData(0, 60, 0, "between 1 and")]
    [InlineData(0, 60, 10_001, "between 1 and")]
    public void A_window_that_cannot_be_answered_is_refused_with_the_reason(int fromSeconds, int toSeconds, int points, string reason)
    {
        var (window, refusal) = HistoryWindow.Create(T0.AddSeconds(fromSeconds), T0.AddSeconds(toSeconds), points);

        Assert.Null(window);
        Assert.Equal(RefusalKind.Invalid, refusal!.Kind);
        Assert.Contains(reason, refusal.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_longer_than_the_longest_kept_history_is_refused()
    {
        var (_, refusal) = HistoryWindow.Create(T0, T0 + HistoryWindow.MaxSpan + TimeSpan.FromSeconds(1));

        Assert.Contains("at most", refusal!.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3600, 800, 4_500, HistorySource.Raw)]            // 1 h: 4.5 s buckets from raw samples
    [InlineData(86_400, 800, 120_000, HistorySource.Minutes)]    // 1 day: 108 s rounded up to 2 min
    [InlineData(30 * 86_400, 800, 3_240_000, HistorySource.Minutes)] // 30 days: 54 min from minute rollups
    [InlineData(90 * 86_400, 800, 3 * 3_600_000, HistorySource.Hours)] // 90 days: 2.7 h rounded up to 3 h
    public void The_bucket_width_is_a_whole_number_of_the_resolution_it_is_read_from(int seconds, int points, long widthMs, HistorySource source)
    {
        var window = HistoryWindow.Create(T0, T0.AddSeconds(seconds), points).Window!;

        Assert.Equal(TimeSpan.FromMilliseconds(widthMs), window.BucketWidth);
        Assert.Equal(source, window.Source);
        Assert.True((window.To - window.From) / window.BucketWidth <= points);
    }

    [Fact]
    public void Buckets_merge_exactly_whether_from_raw_samples_or_from_finer_buckets()
    {
        var raw = Enumerable.Range(0, 7200).Select(i => TrendPoint.Raw(T0.AddSeconds(i), (i * 37) % 101)).ToList();

        var direct = TrendBuckets.Merge(raw, TimeSpan.FromHours(1));
        var viaMinutes = TrendBuckets.Merge(TrendBuckets.Merge(raw, TimeSpan.FromMinutes(1)), TimeSpan.FromHours(1));

        Assert.Equal(direct, viaMinutes);
        Assert.Equal(2, direct.Count);
        Assert.Equal((0d, 100d, 0d, 3600L), (direct[0].Min, direct[0].Max, direct[0].First, direct[0].Count));
        Assert.Equal((7199 * 37) % 101, direct[1].Last);
    }

    [Fact]
    public void Points_out_of_time_order_are_refused_rather_than_merged_into_the_wrong_bucket()
    {
        var points = new[] { TrendPoint.Raw(T0.AddMinutes(5), 1), TrendPoint.Raw(T0, 2) };

        Assert.Throws<ArgumentException>(() => TrendBuckets.Merge(points, TimeSpan.FromMinutes(1)));
    }
}
