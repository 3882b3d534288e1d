using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using FsCheck.Xunit;

namespace Factory.Domain.Tests.Oee;

public class DowntimeAnalysisTests
{
    private static readonly TimeClassification[] Tables =
    [
        TimeClassification.Default,
        new(TimeElement.Adet, TimeElement.NotCounted, TimeElement.Adet),
    ];

    [Property(MaxTest = 300)]
    public void Lost_time_of_the_stops_is_the_kpis_adot_adet_and_asut(int[] steps, int[] layout, int[] counts, bool alternative)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var intervals = g.Log(TimeSpan.Zero).Intervals(g.Window.End);
        var table = Tables[alternative ? 1 : 0];
        var kpis = OeeCalculator.Compute("m1", intervals, g.Counts, g.Planned, g.Window, table, GeneratedLog.ReasonTree);

        var stops = DowntimeAnalysis.Stops("m1", intervals, g.Planned, g.Window, table, GeneratedLog.ReasonTree);
        var lost = stops.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);
        Assert.Equal(kpis.Time.Adot + kpis.Time.Adet + kpis.Time.Asut, lost);
        Assert.Equal(kpis.Time.Adot, stops.Where(s => s.Element == TimeElement.Adot).Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration));
        Assert.All(stops, s => Assert.True(s.Start >= g.Window.Start && s.End <= g.Window.End && s.End > s.Start));

        var pareto = DowntimeAnalysis.Pareto(stops, GeneratedLog.ReasonTree);
        Assert.Equal(lost, pareto.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Lost));
        Assert.True(pareto.Zip(pareto.Skip(1)).All(p => p.First.Lost >= p.Second.Lost), "bars are biggest first");
        if (pareto.Count > 0 && lost > TimeSpan.Zero)
        {
            Assert.Equal(1.0, pareto[^1].CumulativeShare, 9);
        }
    }

    [Fact]
    public void A_stop_across_a_break_counts_only_outside_it_and_keeps_its_interval_start_for_reasons()
    {
        var at = new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero);
        var window = new TimeRange(at, at.AddHours(2));
        StateInterval[] intervals =
        [
            new("m1", PackMlState.Execute, UnitMode.Production, DataQuality.Good, null, at.AddHours(-1), at.AddMinutes(30)),
            new("m1", PackMlState.Stopped, UnitMode.Production, DataQuality.Good, null, at.AddMinutes(30), at.AddMinutes(90)),
            new("m1", PackMlState.Held, UnitMode.Production, DataQuality.Good, "WAIT", at.AddMinutes(90), at.AddMinutes(100)),
            new("m1", PackMlState.Execute, UnitMode.Production, DataQuality.Good, null, at.AddMinutes(100), at.AddHours(3)),
        ];
        var planned = PlannedTime.ContinuousWith([new PlannedStop("m1", PlannedStopKind.Break, at.AddMinutes(45), at.AddMinutes(60))]);

        var stops = DowntimeAnalysis.Stops("m1", intervals, planned, window, TimeClassification.Default, GeneratedLog.ReasonTree);

        Assert.Equal(3, stops.Count);
        Assert.All(stops.Take(2), s => Assert.Equal(at.AddMinutes(30), s.IntervalStart));
        Assert.Equal((at.AddMinutes(30), at.AddMinutes(45)), (stops[0].Start, stops[0].End));
        Assert.Equal((at.AddMinutes(60), at.AddMinutes(90)), (stops[1].Start, stops[1].End));
        Assert.True(stops[0].Unexplained);
        Assert.Equal(TimeElement.Adet, stops[2].Element);
        Assert.Equal("WAIT", stops[2].ReasonCode);

        var pareto = DowntimeAnalysis.Pareto(stops, GeneratedLog.ReasonTree);
        Assert.Equal([null, "WAIT"], pareto.Select(p => p.ReasonCode));
        Assert.Equal(TimeSpan.FromMinutes(45), pareto[0].Lost);
        Assert.Equal(1, pareto[0].Stops);
        Assert.Equal(45.0 / 55, pareto[0].Share, 9);
        Assert.Equal("waiting", pareto[1].ReasonName);
    }
}
