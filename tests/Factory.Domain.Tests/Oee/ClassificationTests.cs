using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class ClassificationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static StateInterval Interval(PackMlState state, UnitMode mode = UnitMode.Production, DataQuality quality = DataQuality.Good, string? order = "wo1", MachineryItemState? machinery = null) =>
        new("m1", state, mode, quality, null, T0, T0.AddMinutes(10), order, machinery);

    [Theory]
    [InlineData(PackMlState.Execute, TimeElement.Apt)]
    [InlineData(PackMlState.Held, TimeElement.Adot)]
    [InlineData(PackMlState.Holding, TimeElement.Adot)]
    [InlineData(PackMlState.Suspended, TimeElement.Adet)]
    [InlineData(PackMlState.Suspending, TimeElement.Adet)]
    [InlineData(PackMlState.Stopped, TimeElement.Adot)]
    [InlineData(PackMlState.Stopping, TimeElement.Adot)]
    [InlineData(PackMlState.Aborted, TimeElement.Adot)]
    [InlineData(PackMlState.Aborting, TimeElement.Adot)]
    [InlineData(PackMlState.Clearing, TimeElement.Adot)]
    [InlineData(PackMlState.Idle, TimeElement.Adet)]
    [InlineData(PackMlState.Starting, TimeElement.Adet)]
    [InlineData(PackMlState.Resetting, TimeElement.Adet)]
    [InlineData(PackMlState.Undefined, TimeElement.Unknown)]
    public void Default_table_follows_the_reference(PackMlState state, TimeElement expected) =>
        Assert.Equal(expected, TimeClassification.Default.Classify(Interval(state), null, null));

    [Fact]
    public void Configurable_choices_apply()
    {
        var site = new TimeClassification(Held: TimeElement.Adet, IdleWithoutOrder: TimeElement.NotCounted);
        Assert.Empty(site.Validate());
        Assert.Equal(TimeElement.Adet, site.Classify(Interval(PackMlState.Held), null, null));
        Assert.Equal(TimeElement.NotCounted, site.Classify(Interval(PackMlState.Idle, order: null), null, null));
        Assert.Equal(TimeElement.Adet, site.Classify(Interval(PackMlState.Idle, order: "wo1"), null, null));
        Assert.Equal(TimeElement.Adet, TimeClassification.Default.Classify(Interval(PackMlState.Idle, order: null), null, null));
        Assert.NotEmpty(new TimeClassification(Held: TimeElement.Apt).Validate());
    }

    [Fact]
    public void Maintenance_is_apmt_when_planned_else_adot()
    {
        var maintenance = Interval(PackMlState.Stopped, UnitMode.Maintenance);
        Assert.Equal(TimeElement.Apmt, TimeClassification.Default.Classify(maintenance, PlannedStopKind.PlannedMaintenance, null));
        Assert.Equal(TimeElement.Adot, TimeClassification.Default.Classify(maintenance, null, null));
        Assert.Equal(TimeElement.Pdot, TimeClassification.Default.Classify(maintenance, PlannedStopKind.Break, null));
        Assert.Equal(TimeElement.Pdot, TimeClassification.Default.Classify(Interval(PackMlState.Execute), PlannedStopKind.Break, null));
    }

    [Theory]
    [InlineData(DataQuality.Disconnected)]
    [InlineData(DataQuality.Stale)]
    [InlineData(DataQuality.Bad)]
    public void Missing_data_is_unknown_never_running(DataQuality quality) =>
        Assert.Equal(TimeElement.Unknown, TimeClassification.Default.Classify(Interval(PackMlState.Execute, quality: quality), null, null));

    [Theory]
    [InlineData(MachineryItemState.Executing, false, TimeElement.Apt)]
    [InlineData(MachineryItemState.NotExecuting, false, TimeElement.Adet)]
    [InlineData(MachineryItemState.NotExecuting, true, TimeElement.Adot)]
    [InlineData(MachineryItemState.OutOfService, false, TimeElement.Adot)]
    [InlineData(MachineryItemState.NotAvailable, false, TimeElement.Unknown)]
    public void Machinery_item_state_mapping(MachineryItemState state, bool fault, TimeElement expected)
    {
        Assert.Equal(expected, TimeClassification.ClassifyMachinery(state, fault));
        var interval = Interval(PackMlState.Undefined, machinery: state);
        Assert.Equal(expected, TimeClassification.Default.Classify(interval, null, fault ? DowntimeCategory.Unplanned : null));
    }

    [Fact]
    public void Reason_category_decides_a_stop()
    {
        var idle = Interval(PackMlState.Idle);
        Assert.Equal(TimeElement.Asut, TimeClassification.Default.Classify(idle, null, DowntimeCategory.Setup));
        Assert.Equal(TimeElement.Adot, TimeClassification.Default.Classify(idle, null, DowntimeCategory.Unplanned));
        Assert.Equal(TimeElement.Pdot, TimeClassification.Default.Classify(idle, null, DowntimeCategory.Planned));
        Assert.Equal(TimeElement.Adet, TimeClassification.Default.Classify(Interval(PackMlState.Stopped), null, DowntimeCategory.External));
        Assert.Equal(TimeElement.Apt, TimeClassification.Default.Classify(Interval(PackMlState.Execute), null, DowntimeCategory.Unplanned));
    }

    [Fact]
    public void The_table_describes_the_site_choices()
    {
        var rows = new TimeClassification(Held: TimeElement.Adet, IdleWithoutOrder: TimeElement.NotCounted).Describe();
        Assert.Equal("ADET", rows.Single(r => r.When.StartsWith("Held", StringComparison.Ordinal)).Element);
        Assert.Equal("not counted", rows.Single(r => r.When.EndsWith("without an order", StringComparison.Ordinal)).Element);
        Assert.Equal("ADOT", TimeClassification.Default.Describe().Single(r => r.When.StartsWith("Held", StringComparison.Ordinal)).Element);
    }
}
