using Factory.Domain.Oee;
using Xunit;

namespace Factory.Domain.Tests.Oee;

/// <summary>Guards the property tests against passing vacuously: the generated logs must exercise the formulas.</summary>
public class GeneratorTests
{
    [Fact]
    public void Generated_logs_mostly_have_production_output_and_planned_time()
    {
        var random = new Random(7);
        int[] Ints(int n) => Enumerable.Range(0, n).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
        var meaningful = 0;
        var withFailures = 0;
        var withUnknown = 0;
        for (var i = 0; i < 200; i++)
        {
            var g = GeneratedLog.Decode(Ints(random.Next(1, 60)), Ints(random.Next(0, 12)), Ints(random.Next(1, 40)));
            var kpis = OeeCalculator.Compute("m1", g.Log(TimeSpan.Zero).Intervals(g.Window.End), g.Counts, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);
            meaningful += kpis.Time.Apt > TimeSpan.Zero && kpis.Output.Produced > 0 && kpis.Time.Pbt > kpis.Time.Apt ? 1 : 0;
            withFailures += kpis.Failures > 0 ? 1 : 0;
            withUnknown += kpis.Time.Unknown > TimeSpan.Zero ? 1 : 0;
        }

        Assert.True(meaningful > 80, $"only {meaningful} of 200 logs had production, output and losses");
        Assert.True(withFailures > 50, $"only {withFailures} of 200 logs had failures");
        Assert.True(withUnknown > 50, $"only {withUnknown} of 200 logs had unknown time");
    }

    [Fact]
    public void Live_figures_rebuilt_from_the_log_after_a_backfill_equal_a_recomputation()
    {
        var random = new Random(11);
        int[] Ints(int n) => Enumerable.Range(0, n).Select(_ => random.Next(int.MinValue, int.MaxValue)).ToArray();
        for (var i = 0; i < 50; i++)
        {
            var g = GeneratedLog.Decode(Ints(40), Ints(9), Ints(20));
            var late = g.Events.Where((_, k) => k % 3 == 1).ToList();
            var log = StateIntervalLog.Empty("m1", TimeSpan.FromMinutes(1));
            foreach (var e in g.Events.Except(late))
            {
                log = log.Append(e).Log;
            }

            var backfilled = log.Backfill(late);
            Assert.True(backfilled.HistoryChanged || late.Count == 0);
            log = backfilled.Log;
            var now = g.Window.End;
            var live = OeeAccumulator.FromLog(log, g.Counts, g.Window, g.Planned, TimeClassification.Default, GeneratedLog.ReasonTree);
            var recomputed = OeeCalculator.Compute("m1", log.Intervals(now), g.Counts, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);
            Assert.Equal(recomputed, live.Snapshot(now, log.UnsealedIntervals(now)));
            var inOrder = OeeCalculator.Compute("m1", g.Log(TimeSpan.Zero).Intervals(now), g.Counts, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);
            Assert.Equal(inOrder, recomputed);
        }
    }
}
