using Factory.Domain.Maintenance;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Tests.Maintenance;

public sealed class MaintenancePlanTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static MaintenancePlan Plan(MaintenanceTrigger trigger, double interval) => new(
        "PM-1", "CNC-1", "Lubricate spindle", trigger, interval, ["Grease", "Check oil"], "millwright",
        TimeSpan.FromMinutes(30), TimeSpan.FromHours(8), T0);

    [Fact]
    public void A_run_hour_plan_falls_due_exactly_at_its_threshold()
    {
        var plan = Plan(MaintenanceTrigger.RunHours, 2);
        var before = plan.DueAt(new MachineUsage(TimeSpan.FromHours(2) - TimeSpan.FromTicks(1), 0), T0.AddDays(1));
        Assert.False(before.IsDue);
        Assert.True(before.Remaining > 0);
        Assert.Null(before.NextDueAt);

        var at = plan.DueAt(new MachineUsage(TimeSpan.FromHours(2), 0), T0.AddDays(1));
        Assert.True(at.IsDue);
        Assert.Equal(0, at.Remaining);
        Assert.Equal(2, at.Used);
    }

    [Fact]
    public void A_cycle_plan_falls_due_exactly_at_its_count()
    {
        var plan = Plan(MaintenanceTrigger.Cycles, 500);
        Assert.False(plan.DueAt(new MachineUsage(TimeSpan.FromHours(9), 499), T0).IsDue);
        Assert.Equal(1, plan.DueAt(new MachineUsage(TimeSpan.Zero, 499), T0).Remaining);
        Assert.True(plan.DueAt(new MachineUsage(TimeSpan.Zero, 500), T0).IsDue);
    }

    [Fact]
    public void A_calendar_plan_falls_due_at_its_anchor_plus_the_interval_whether_the_machine_ran_or_not()
    {
        var plan = Plan(MaintenanceTrigger.CalendarDays, 7);
        var due = T0.AddDays(7);
        var before = plan.DueAt(MachineUsage.None, due.AddTicks(-1));
        Assert.False(before.IsDue);
        Assert.Equal(due, before.NextDueAt);
        Assert.True(plan.DueAt(MachineUsage.None, due).IsDue);
    }

    [Fact]
    public void Usage_counts_execute_time_inside_the_window_and_every_part_counted_in_it()
    {
        var window = new TimeRange(T0, T0.AddHours(4));
        StateInterval Interval(PackMlState state, double from, double to) =>
            new("CNC-1", state, UnitMode.Production, DataQuality.Good, null, T0.AddHours(from), T0.AddHours(to));
        var intervals = new[]
        {
            Interval(PackMlState.Execute, -1, 1),  // one hour inside the window
            Interval(PackMlState.Held, 1, 2),
            Interval(PackMlState.Execute, 2, 5),   // two hours inside
        };
        ProductionCount Count(double at, long good, long scrap) => new("CNC-1", T0.AddHours(at), good, scrap, 0, TimeSpan.FromSeconds(30));
        var counts = new[] { Count(-0.5, 100, 0), Count(0.5, 10, 2), Count(3, 5, 0), Count(4, 7, 0) };

        var usage = MachineUsage.Measure(intervals, counts, window);
        Assert.Equal(TimeSpan.FromHours(3), usage.RunTime);
        Assert.Equal(17, usage.Cycles);
    }

    [Fact]
    public void A_due_plan_creates_a_preventive_order_due_within_its_window()
    {
        var plan = Plan(MaintenanceTrigger.RunHours, 2);
        var at = T0.AddHours(3);
        var order = plan.OrderFor("PM-1-1", at);
        Assert.Equal(MaintenanceKind.Preventive, order.Kind);
        Assert.Equal("PM-1", order.PlanId);
        Assert.Equal(at.AddHours(8), order.DueBy);
        Assert.Empty(MaintenanceLifecycle.Validate(order));
    }

    [Fact]
    public void A_plan_is_checked_for_every_bound()
    {
        Assert.Empty(Plan(MaintenanceTrigger.RunHours, 2).Validate());
        var problems = string.Join("; ", (Plan(MaintenanceTrigger.Cycles, 0) with { Title = "", DueWithin = TimeSpan.Zero }).Validate());
        Assert.Contains("interval must be above 0", problems);
        Assert.Contains("needs a title", problems);
        Assert.Contains("due within", problems);
        Assert.Contains("interval", string.Join("; ", Plan(MaintenanceTrigger.RunHours, double.NaN).Validate()));
    }
}
