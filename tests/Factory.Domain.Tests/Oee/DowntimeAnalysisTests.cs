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

    [Fact]
    public void Acting_states_join_the_stop_they_belong_to_and_keep_its_reason_key()
    {
        var at = new DateTimeOffset(2026, 11, 5, 8, 0, 0, TimeSpan.Zero);
        var window = new TimeRange(at, at.AddHours(1));
        var s = TimeSpan.FromSeconds(2);
        var t = at.AddMinutes(10);
        (PackMlState State, TimeSpan Length)[] run =
        [
            (PackMlState.Aborting, s), (PackMlState.Aborted, TimeSpan.FromMinutes(5)), (PackMlState.Clearing, s),
            (PackMlState.Stopped, TimeSpan.FromMinutes(1)), (PackMlState.Resetting, s), (PackMlState.Idle, TimeSpan.FromMinutes(1)),
            (PackMlState.Starting, s),
        ];
        var intervals = new List<StateInterval> { new("m1", PackMlState.Execute, UnitMode.Production, DataQuality.Good, null, at, t, "WO-1") };
        foreach (var (state, length) in run)
        {
            intervals.Add(new("m1", state, UnitMode.Production, DataQuality.Good, null, t, t + length, "WO-1"));
            t += length;
        }

        intervals.Add(new("m1", PackMlState.Execute, UnitMode.Production, DataQuality.Good, null, t, window.End, "WO-1"));
        var raw = DowntimeAnalysis.Stops("m1", intervals, PlannedTime.Continuous, window, TimeClassification.Default, GeneratedLog.ReasonTree);

        var stops = ActingStateMerge.Apply(raw);

        Assert.Equal(7, raw.Count);
        Assert.Equal([PackMlState.Aborted, PackMlState.Stopped, PackMlState.Idle], stops.Select(x => x.State));
        Assert.Equal(at.AddMinutes(10), stops[0].Start); // Aborting leads into the fault
        Assert.Equal(at.AddMinutes(10) + s, stops[0].IntervalStart); // the reason still goes to the Aborted interval
        Assert.Equal(TimeSpan.FromMinutes(5) + s + s, stops[0].Duration); // ... and Clearing after it
        Assert.Equal(TimeSpan.FromMinutes(1) + s, stops[1].Duration);
        Assert.Equal(TimeSpan.FromMinutes(1) + s, stops[2].Duration);
    }

    [Property(MaxTest = 300)]
    public void Joining_acting_states_keeps_the_lost_time_and_leaves_no_acting_stop_next_to_another(int[] steps, int[] layout, int[] counts)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var intervals = g.Log(TimeSpan.Zero).Intervals(g.Window.End);
        var raw = DowntimeAnalysis.Stops("m1", intervals, g.Planned, g.Window, TimeClassification.Default, GeneratedLog.ReasonTree);

        var stops = ActingStateMerge.Apply(raw);

        Assert.Equal(raw.Aggregate(TimeSpan.Zero, (sum, x) => sum + x.Duration), stops.Aggregate(TimeSpan.Zero, (sum, x) => sum + x.Duration));
        Assert.True(stops.Zip(stops.Skip(1)).All(p => p.First.End <= p.Second.Start), "stops stay apart and in order");
        Assert.DoesNotContain(stops.Zip(stops.Skip(1)), p => p.First.End == p.Second.Start
            && (PackMlStateMachine.IsTransient(p.First.State) || PackMlStateMachine.IsTransient(p.Second.State)));
    }
}
