using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class EdgeCaseTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeRange Hour = new(T0, T0.AddHours(1));

    private static StateInterval Run(PackMlState state, int fromMinute, int toMinute, DataQuality quality = DataQuality.Good) =>
        new("m1", state, UnitMode.Production, quality, null, T0.AddMinutes(fromMinute), T0.AddMinutes(toMinute), "wo1");

    [Fact]
    public void Zero_planned_busy_time_gives_nulls_not_NaN()
    {
        var allBreak = PlannedTime.ContinuousWith([new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddHours(1))]);
        var kpis = OeeCalculator.Compute("m1", [Run(PackMlState.Execute, 0, 60)], [], allBreak, Hour, TimeClassification.Default);
        Assert.Equal(TimeSpan.Zero, kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromHours(1), kpis.Time.Pdot);
        Assert.Null(kpis.Availability);
        Assert.Null(kpis.Oee);
        Assert.Null(kpis.ThroughputPerHour);
        Assert.Null(kpis.QualityRatio);
    }

    [Fact]
    public void Nothing_produced_gives_null_quality_and_zero_oee()
    {
        var kpis = OeeCalculator.Compute("m1", [Run(PackMlState.Execute, 0, 60)], [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(1d, kpis.Availability);
        Assert.Equal(0d, kpis.Effectiveness);
        Assert.Null(kpis.QualityRatio);
        Assert.Null(kpis.ScrapRatio);
        Assert.Equal(0d, kpis.Oee);
    }

    [Fact]
    public void No_failures_gives_null_mtbf_and_mttr()
    {
        var kpis = OeeCalculator.Compute("m1", [Run(PackMlState.Execute, 0, 30), Run(PackMlState.Suspended, 30, 60)], [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(0, kpis.Failures);
        Assert.Null(kpis.Mtbf);
        Assert.Null(kpis.Mttr);
        Assert.Equal(0.5, kpis.TechnicalEfficiency);
    }

    [Fact]
    public void Mtbf_and_mttr_use_operating_time_and_count_a_failure_once()
    {
        // Aborted then Clearing then Stopped is one failure; a second one later.
        var intervals = new[]
        {
            Run(PackMlState.Execute, 0, 20), Run(PackMlState.Aborted, 20, 25), Run(PackMlState.Clearing, 25, 27), Run(PackMlState.Stopped, 27, 30),
            Run(PackMlState.Execute, 30, 50), Run(PackMlState.Held, 50, 54), Run(PackMlState.Execute, 54, 60),
        };
        var kpis = OeeCalculator.Compute("m1", intervals, [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(2, kpis.Failures);
        Assert.Equal(TimeSpan.FromMinutes(23), kpis.Mtbf);
        Assert.Equal(TimeSpan.FromMinutes(7), kpis.Mttr);
    }

    [Fact]
    public void One_failure_after_operating_gives_its_operating_time_as_mtbf_and_one_before_operating_gives_none()
    {
        var ran = OeeCalculator.Compute("m1", [Run(PackMlState.Execute, 0, 40), Run(PackMlState.Aborted, 40, 60)], [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(1, ran.Failures);
        Assert.Equal(TimeSpan.FromMinutes(40), ran.Mtbf);

        // Failed while idle, never ran: there is no time between failures to show, not "0s".
        var idle = OeeCalculator.Compute("m1", [Run(PackMlState.Idle, 0, 40), Run(PackMlState.Aborted, 40, 60)], [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(1, idle.Failures);
        Assert.Null(idle.Mtbf);
        Assert.Equal(TimeSpan.FromMinutes(20), idle.Mttr);
    }

    [Fact]
    public void Uncovered_and_disconnected_time_is_unknown_and_lowers_availability()
    {
        var intervals = new[] { Run(PackMlState.Execute, 0, 30), Run(PackMlState.Execute, 30, 40, DataQuality.Disconnected), Run(PackMlState.Execute, 50, 55) };
        var kpis = OeeCalculator.Compute("m1", intervals, [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        // Disconnected 30–40, nothing 40–50, and nothing since 55: the machine was out of sight.
        Assert.Equal(TimeSpan.FromMinutes(25), kpis.Time.Unknown);
        Assert.Equal(TimeSpan.FromMinutes(35), kpis.Time.Apt);
        Assert.Equal(35d / 60, kpis.Availability!.Value, 12);
        Assert.Equal(25d / 60, kpis.UnknownShare!.Value, 12);
    }

    [Fact]
    public void Time_before_the_first_observation_does_not_count_at_all()
    {
        // Factory first saw the machine 10 minutes into the window (a first start mid-shift): those minutes are not lost
        // time, they are not the plant's to report.
        var intervals = new[] { Run(PackMlState.Execute, 10, 30), Run(PackMlState.Execute, 30, 40, DataQuality.Disconnected) };
        var kpis = OeeCalculator.Compute("m1", intervals, [], PlannedTime.Continuous, Hour, TimeClassification.Default);
        Assert.Equal(TimeSpan.FromMinutes(50), kpis.Time.Pot);
        Assert.Equal(TimeSpan.FromMinutes(30), kpis.Time.Unknown);
        Assert.Equal(20d / 50, kpis.Availability!.Value, 12);

        var live = new OeeAccumulator("m1", Hour, PlannedTime.Continuous, TimeClassification.Default);
        Assert.Equal(TimeSpan.Zero, live.Snapshot(T0.AddMinutes(60)).Time.Pot);
        Assert.Null(OeeCalculator.Compute("m1", [], [], PlannedTime.Continuous, Hour, TimeClassification.Default).Availability);
    }

    [Fact]
    public void Not_counted_time_leaves_planned_busy_time()
    {
        var table = new TimeClassification(IdleWithoutOrder: TimeElement.NotCounted);
        var intervals = new[] { Run(PackMlState.Execute, 0, 30), Run(PackMlState.Idle, 30, 60) with { WorkOrderId = null } };
        var kpis = OeeCalculator.Compute("m1", intervals, [], PlannedTime.Continuous, Hour, table);
        Assert.Equal(TimeSpan.FromMinutes(30), kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromMinutes(60), kpis.Time.Pot);
        Assert.Equal(1d, kpis.Availability);
    }

    [Fact]
    public void Accumulator_refuses_overlaps_and_foreign_data_and_changes_nothing()
    {
        var live = new OeeAccumulator("m1", Hour, PlannedTime.Continuous, TimeClassification.Default);
        Assert.Null(live.AddInterval(Run(PackMlState.Execute, 0, 30)));
        var before = live.Snapshot(T0.AddMinutes(30));
        Assert.Equal(RefusalKind.Conflict, live.AddInterval(Run(PackMlState.Stopped, 20, 40))!.Kind);
        Assert.Equal(RefusalKind.Invalid, live.AddInterval(Run(PackMlState.Execute, 30, 40) with { MachineId = "m2" })!.Kind);
        Assert.Equal(RefusalKind.Invalid, live.AddCount(new ProductionCount("m1", T0, -1, 0, 0, TimeSpan.FromSeconds(1)))!.Kind);
        Assert.Equal(RefusalKind.Invalid, live.AddCount(new ProductionCount("m1", T0, 1, 0, 0, TimeSpan.Zero))!.Kind);
        Assert.Equal(before, live.Snapshot(T0.AddMinutes(30)));
    }
}
