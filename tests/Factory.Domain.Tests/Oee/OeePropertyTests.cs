using Factory.Domain.Oee;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class OeePropertyTests
{
    private static readonly TimeClassification[] Tables =
    [
        TimeClassification.Default,
        new(TimeElement.Adet, TimeElement.NotCounted, TimeElement.Adet),
    ];

    [Property(MaxTest = 300)]
    public void Oee_equals_ideal_good_time_over_planned_busy_time(int[] steps, int[] layout, int[] counts, bool alternative)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var end = g.Window.End;
        var kpis = OeeCalculator.Compute("m1", g.Log(TimeSpan.Zero).Intervals(end), g.Counts, g.Planned, g.Window, Tables[alternative ? 1 : 0], GeneratedLog.ReasonTree);

        if (kpis.Time.Pbt <= TimeSpan.Zero)
        {
            Assert.Null(kpis.Oee);
            return;
        }

        var identity = (double)(kpis.Output.IdealSecondsGood / (decimal)kpis.Time.Pbt.TotalSeconds);
        if (kpis.Time.Apt > TimeSpan.Zero && kpis.Output.Produced > 0)
        {
            Assert.Equal(identity, kpis.Oee!.Value, 9);
        }
        else
        {
            Assert.Equal(0d, kpis.Oee);
        }
    }

    [Property(MaxTest = 300)]
    public void Time_elements_partition_planned_operation_time(int[] steps, int[] layout, int[] counts)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var intervals = g.Log(TimeSpan.Zero).Intervals(g.Window.End);
        var kpis = OeeCalculator.Compute("m1", intervals, g.Counts, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);
        // Planned time counts from the machine's first observation (its first interval) on.
        var observed = intervals.Where(i => i.End >= g.Window.Start && i.Start < g.Window.End && i.End > i.Start).Select(i => (DateTimeOffset?)i.Start).Min() is { } first
            ? g.Window.ObservedFrom(first)
            : new TimeRange(g.Window.End, g.Window.End);
        var pot = g.Planned.IsContinuous
            ? observed.Duration
            : g.Planned.Operation.Select(r => r.Intersect(observed)?.Duration ?? TimeSpan.Zero).Aggregate(TimeSpan.Zero, (a, b) => a + b);
        Assert.Equal(pot, kpis.Time.Pot);
        Assert.True(kpis.Time.Pbt <= kpis.Time.Pot);
        Assert.True(kpis.Time.Apt >= TimeSpan.Zero && kpis.Time.Unknown >= TimeSpan.Zero);
    }

    [Property(MaxTest = 300)]
    public void No_figure_is_ever_NaN_or_infinite(int[] steps, int[] layout, int[] counts)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var kpis = OeeCalculator.Compute("m1", g.Log(TimeSpan.Zero).Intervals(g.Window.End), g.Counts, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);
        foreach (var value in new[] { kpis.Availability, kpis.Effectiveness, kpis.QualityRatio, kpis.Oee, kpis.TechnicalEfficiency, kpis.ScrapRatio, kpis.ReworkRatio, kpis.ThroughputPerHour, kpis.UnknownShare })
        {
            Assert.True(value is null || double.IsFinite(value.Value));
            Assert.True(value is null || value.Value >= 0);
        }

        Assert.Equal(kpis.Failures == 0 || kpis.Time.Apt == TimeSpan.Zero, kpis.Mtbf is null);
        Assert.True(kpis.Mtbf is null || kpis.Mtbf > TimeSpan.Zero);
        Assert.Equal(kpis.Failures == 0, kpis.Mttr is null);
    }

    /// <summary>
    /// Events arrive shuffled within the reorder bound; the live accumulator is fed what the log seals and
    /// asked at several instants: it must equal a recomputation from the log over the same window, exactly.
    /// </summary>
    [Property(MaxTest = 300)]
    public void Live_equals_recomputed(int[] steps, int[] layout, int[] counts, int[] shuffle)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var bound = TimeSpan.FromMinutes(30);
        var arrival = Shuffle(g.Events, shuffle, bound);
        var live = new OeeAccumulator("m1", g.Window, g.Planned, TimeClassification.Default, GeneratedLog.ReasonTree);
        var log = StateIntervalLog.Empty("m1", bound);
        var countsByTime = g.Counts.OrderBy(c => c.At).ToList();
        var nextCount = 0;
        foreach (var e in arrival)
        {
            var appended = log.Append(e);
            Assert.Null(appended.Refusal);
            log = appended.Log;
            foreach (var sealedInterval in appended.Sealed)
            {
                Assert.Null(live.AddInterval(sealedInterval));
            }

            // "Now" is the latest event seen; counts up to now have arrived.
            var now = log.LatestAt!.Value;
            while (nextCount < countsByTime.Count && countsByTime[nextCount].At < now)
            {
                Assert.Null(live.AddCount(countsByTime[nextCount++]));
            }

            var liveKpis = live.Snapshot(now, log.UnsealedIntervals(now));
            var windowEnd = now < g.Window.End ? now : g.Window.End;
            var recomputed = OeeCalculator.Compute(
                "m1", log.Intervals(now), countsByTime.Take(nextCount), g.Planned,
                new TimeRange(g.Window.Start, windowEnd < g.Window.Start ? g.Window.Start : windowEnd),
                TimeClassification.Default, GeneratedLog.ReasonTree);
            Assert.Equal(recomputed, liveKpis);
        }
    }

    [Property(MaxTest = 200)]
    public void Splitting_a_window_in_two_sums_to_the_whole(int[] steps, int[] layout, int[] counts, int cut)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var middle = g.Window.Start + TimeSpan.FromTicks((long)(g.Window.Duration.Ticks * (Math.Abs(cut % 1000) / 1000d)));
        var intervals = g.Log(TimeSpan.Zero).Intervals(g.Window.End);
        ProductionKpis Of(TimeRange w) => OeeCalculator.Compute("m1", intervals, g.Counts, g.Planned, w, TimeClassification.Default, GeneratedLog.ReasonTree);
        var whole = Of(g.Window);
        var parts = Of(new TimeRange(g.Window.Start, middle)) + Of(new TimeRange(middle, g.Window.End));
        Assert.Equal(whole.Time, parts.Time);
        Assert.Equal(whole.Output, parts.Output);
    }

    // Each event is delayed by a generated amount below the bound, then delivered in delay order.
    private static List<Factory.Domain.Oee.MachineStateEvent> Shuffle(List<Factory.Domain.Oee.MachineStateEvent> events, int[] shuffle, TimeSpan bound)
    {
        shuffle ??= [];
        return events
            .Select((e, i) => (Event: e, Arrives: e.At + TimeSpan.FromTicks(shuffle.Length == 0 ? 0 : Math.Abs(shuffle[i % shuffle.Length] % bound.Ticks)), Index: i))
            .OrderBy(x => x.Arrives)
            .ThenBy(x => x.Index)
            .Select(x => x.Event)
            .ToList();
    }
}
