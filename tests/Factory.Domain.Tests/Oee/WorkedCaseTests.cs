using System.Collections.Immutable;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class WorkedCaseTests
{
    private static readonly DateTimeOffset ShiftStart = new(2026, 3, 2, 6, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int minute) => ShiftStart.AddMinutes(minute);

    private static MachineStateEvent Event(int minute, PackMlState state) =>
        new("m1", At(minute), state, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1");

    private static PlannedStop Break(int from, int to) => new("m1", PlannedStopKind.Break, At(from), At(to));

    // Case 1: 480 min shift; breaks 15 + 15 + 30 min; 47 min failure; PRI 1 s; 19,271 made, 423 rejected.
    private static (List<MachineStateEvent> Events, PlannedTime Planned, ProductionCount[] Counts) Case1()
    {
        var events = new List<MachineStateEvent>
        {
            Event(0, PackMlState.Execute),
            Event(120, PackMlState.Stopped), // break 120–135
            Event(135, PackMlState.Execute),
            Event(180, PackMlState.Aborted), // failure 180–227 (47 min)
            Event(227, PackMlState.Execute),
            Event(240, PackMlState.Idle), // lunch 240–270
            Event(270, PackMlState.Execute),
            Event(360, PackMlState.Suspended), // break 360–375, the machine waits through it
            Event(375, PackMlState.Execute),
        };
        var planned = new PlannedTime([new TimeRange(At(0), At(480))], [Break(120, 135), Break(240, 270), Break(360, 375)]);
        var counts = new[]
        {
            new ProductionCount("m1", At(100), 9000, 200, 0, TimeSpan.FromSeconds(1), "wo1"),
            new ProductionCount("m1", At(400), 9848, 223, 0, TimeSpan.FromSeconds(1), "wo1"),
        };
        return (events, planned, counts);
    }

    private static (List<MachineStateEvent> Events, PlannedTime Planned, ProductionCount[] Counts) Case2()
    {
        var events = new List<MachineStateEvent>
        {
            Event(0, PackMlState.Execute),
            Event(150, PackMlState.Held), // 150–165 break while held: planned, not a failure
            Event(165, PackMlState.Execute),
            Event(200, PackMlState.Stopped), // failure 200–230
            Event(230, PackMlState.Execute),
            Event(300, PackMlState.Idle), // lunch 300–330
            Event(330, PackMlState.Execute),
        };
        var planned = new PlannedTime([new TimeRange(At(0), At(480))], [Break(150, 165), Break(300, 330)]);
        var counts = new[]
        {
            new ProductionCount("m1", At(60), 200, 5, 0, TimeSpan.FromSeconds(30), "wo1"),
            new ProductionCount("m1", At(470), 475, 15, 5, TimeSpan.FromSeconds(30), "wo1"),
        };
        return (events, planned, counts);
    }

    private static ProductionKpis Recompute((List<MachineStateEvent> Events, PlannedTime Planned, ProductionCount[] Counts) c)
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(5));
        foreach (var e in c.Events)
        {
            log = log.Append(e).Log;
        }

        return OeeCalculator.Compute("m1", log.Intervals(At(480)), c.Counts, c.Planned, new TimeRange(At(0), At(480)), TimeClassification.Default);
    }

    private static string Percent(double? value) => (value!.Value * 100).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Case1_reproduces_the_reference()
    {
        var kpis = Recompute(Case1());
        Assert.Equal(TimeSpan.FromMinutes(480), kpis.Time.Pot);
        Assert.Equal(TimeSpan.FromMinutes(420), kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromMinutes(373), kpis.Time.Apt);
        Assert.Equal(TimeSpan.FromMinutes(47), kpis.Time.Adot);
        Assert.Equal(18_848, kpis.Output.Good);
        Assert.Equal(19_271, kpis.Output.Produced);
        Assert.Equal("88.81", Percent(kpis.Availability));
        Assert.Equal("86.11", Percent(kpis.Effectiveness));
        Assert.Equal("97.80", Percent(kpis.QualityRatio));
        Assert.Equal("74.79", Percent(kpis.Oee));
        Assert.Equal(1, kpis.Failures);
        Assert.Equal(TimeSpan.FromMinutes(47), kpis.Mttr);
        Assert.Equal(TimeSpan.FromMinutes(373), kpis.Mtbf);
    }

    [Fact]
    public void Case2_reproduces_the_reference()
    {
        var kpis = Recompute(Case2());
        Assert.Equal(TimeSpan.FromMinutes(435), kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromMinutes(405), kpis.Time.Apt);
        Assert.Equal(700, kpis.Output.Produced);
        Assert.Equal(675, kpis.Output.Good);
        Assert.Equal("93.10", Percent(kpis.Availability));
        Assert.Equal("86.42", Percent(kpis.Effectiveness));
        Assert.Equal("96.43", Percent(kpis.QualityRatio));
        Assert.Equal("77.59", Percent(kpis.Oee));
        Assert.Equal(20d / 700, kpis.ScrapRatio!.Value, 12);
        Assert.Equal(5d / 700, kpis.ReworkRatio!.Value, 12);
    }

    [Fact]
    public void Case1_live_accumulator_matches_the_reference_at_every_step()
    {
        var c = Case1();
        var window = new TimeRange(At(0), At(480));
        var live = new OeeAccumulator("m1", window, c.Planned, TimeClassification.Default);
        var log = StateIntervalLog.Empty("m1", TimeSpan.Zero);
        foreach (var e in c.Events)
        {
            var appended = log.Append(e);
            Assert.Null(appended.Refusal);
            log = appended.Log;
            foreach (var sealedInterval in appended.Sealed)
            {
                Assert.Null(live.AddInterval(sealedInterval));
            }
        }

        foreach (var count in c.Counts)
        {
            Assert.Null(live.AddCount(count));
        }

        var end = At(480);
        var kpis = live.Snapshot(end, log.UnsealedIntervals(end));
        Assert.Equal(Recompute(c), kpis);
        Assert.Equal("74.79", Percent(kpis.Oee));
    }

    [Fact]
    public void Work_order_kpis_count_only_the_orders_time()
    {
        var c = Case1();
        var log = StateIntervalLog.Empty("m1", TimeSpan.Zero);
        foreach (var e in c.Events)
        {
            log = log.Append(e).Log;
        }

        // A second order ran the afternoon after the shift, unplanned time: it must not leak in.
        log = log.Append(new MachineStateEvent("m1", At(480), PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo2")).Log;
        var intervals = log.Intervals(At(600)).ToList();
        var kpis = OeeCalculator.ComputeMany(
            ["m1"], intervals, c.Counts, _ => c.Planned, new TimeRange(At(0), At(600)), TimeClassification.Default, workOrderId: "wo1");
        Assert.Equal("74.79", Percent(kpis.Oee));
        var other = OeeCalculator.ComputeMany(
            ["m1"], intervals, c.Counts, _ => c.Planned, new TimeRange(At(0), At(600)), TimeClassification.Default, workOrderId: "wo2");
        Assert.Equal(TimeSpan.Zero, other.Time.Pbt);
        Assert.Null(other.Oee);
    }

    [Fact]
    public void Line_aggregation_sums_time_and_counts_before_taking_ratios()
    {
        var c1 = Case1();
        var c2 = Case2();
        var events2 = c2.Events.Select(e => e with { MachineId = "m2" }).ToList();
        var log1 = StateIntervalLog.Empty("m1", TimeSpan.Zero);
        var log2 = StateIntervalLog.Empty("m2", TimeSpan.Zero);
        c1.Events.ForEach(e => log1 = log1.Append(e).Log);
        events2.ForEach(e => log2 = log2.Append(e).Log);
        var intervals = log1.Intervals(At(480)).Concat(log2.Intervals(At(480))).ToList();
        var counts = c1.Counts.Concat(c2.Counts.Select(c => c with { MachineId = "m2" })).ToList();
        var stops2 = c2.Planned with { Stops = [.. c2.Planned.Stops.Select(s => s with { ScopeId = "m2" })] };
        var line = OeeCalculator.ComputeMany(
            ["m1", "m2"], intervals, counts, id => id == "m1" ? c1.Planned : stops2, new TimeRange(At(0), At(480)), TimeClassification.Default);
        Assert.Equal(TimeSpan.FromMinutes(420 + 435), line.Time.Pbt);
        Assert.Equal(TimeSpan.FromMinutes(373 + 405), line.Time.Apt);
        Assert.Equal((373d + 405) / (420 + 435), line.Availability!.Value, 12);
        Assert.Equal(19_271 + 700, line.Output.Produced);
        Assert.Equal(2, line.Failures);
    }
}
