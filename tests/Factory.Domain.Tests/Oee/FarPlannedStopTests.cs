using Factory.Domain.Limits;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

/// <summary>#11 finding 1: a stop recorded before the bounds existed (to the year 9999) must not break the KPIs.</summary>
public class FarPlannedStopTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeRange Hour = new(T0, T0.AddHours(1));

    [Fact]
    public void A_stop_from_the_first_to_the_last_instant_counts_as_planned_downtime_of_the_window_only()
    {
        var forever = new PlannedStop("m1", PlannedStopKind.PlannedMaintenance, DateTimeOffset.MinValue, DateTimeOffset.MaxValue);
        var far = new PlannedStop("m1", PlannedStopKind.Break, T0.AddMinutes(30), new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        var run = new StateInterval("m1", PackMlState.Execute, UnitMode.Production, DataQuality.Good, null, T0, T0.AddHours(1), "wo1");

        var both = OeeCalculator.Compute("m1", [run], [], PlannedTime.ContinuousWith([forever, far]), Hour, TimeClassification.Default);
        Assert.Equal(TimeSpan.FromHours(1), both.Time.Pdot);

        var half = OeeCalculator.Compute("m1", [run], [], PlannedTime.ContinuousWith([far]), Hour, TimeClassification.Default);
        Assert.Equal(TimeSpan.FromMinutes(30), half.Time.Pdot);
        Assert.Equal(TimeSpan.FromMinutes(30), half.Time.Apt);
    }

    [Fact]
    public void A_stop_outside_the_plant_range_or_longer_than_a_year_is_invalid_and_says_the_limit()
    {
        var far = new PlannedStop("m1", PlannedStopKind.Break, T0, new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero));
        Assert.Contains(far.Validate(), p => p.Contains(TimeLimits.Latest.ToString("O"), StringComparison.Ordinal));
        var early = new PlannedStop("m1", PlannedStopKind.Break, DateTimeOffset.MinValue, T0);
        Assert.Contains(early.Validate(), p => p.Contains(TimeLimits.Earliest.ToString("O"), StringComparison.Ordinal));
        var long_ = new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddDays(400));
        Assert.Contains(long_.Validate(), p => p.Contains("366 days", StringComparison.Ordinal));
        Assert.Empty(new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddDays(30)).Validate());
    }

    [Fact]
    public void The_same_stop_has_the_same_id_and_another_stop_another()
    {
        var a = new PlannedStop("L1", PlannedStopKind.Break, T0, T0.AddHours(1), "x");
        Assert.Equal(a.Id, (a with { }).Id);
        Assert.NotEqual(a.Id, (a with { End = T0.AddHours(2) }).Id);
        Assert.Equal(16, a.Id.Length);
    }
}
