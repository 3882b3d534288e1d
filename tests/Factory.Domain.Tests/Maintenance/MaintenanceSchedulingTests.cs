using Factory.Domain.Maintenance;

namespace Factory.Domain.Tests.Maintenance;

public sealed class MaintenanceSchedulingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static MaintenanceOrder Order(DateTimeOffset? dueBy = null, MaintenanceStatus status = MaintenanceStatus.Requested, MaintenanceWindow? window = null) => new(
        "MO-1", "CNC-1", MaintenanceKind.Preventive, "Spindle service", [], "millwright", null, TimeSpan.FromHours(2), null, status, T0, "plan:PM-1",
        DueBy: dueBy, Window: window);

    [Fact]
    public void An_order_to_place_whose_slot_has_begun_takes_the_slot_as_its_window_and_no_other_does()
    {
        var slot = new MaintenanceWindow(T0.AddHours(1), T0.AddHours(3));
        var toPlace = Order(dueBy: T0.AddDays(1));
        var fixedOrder = Order(dueBy: T0.AddDays(1), status: MaintenanceStatus.Planned, window: slot) with { Id = "MO-2" };
        var slots = new Dictionary<string, MaintenanceWindow> { ["MO-1"] = slot, ["MO-2"] = slot };

        Assert.Empty(MaintenanceScheduling.SlotsBegun([toPlace, fixedOrder], slots, T0.AddMinutes(59)));
        var begun = Assert.Single(MaintenanceScheduling.SlotsBegun([toPlace, fixedOrder], slots, T0.AddHours(1)));
        Assert.Equal(("MO-1", slot), (begun.Order.Id, begun.Slot));
        Assert.Empty(MaintenanceScheduling.SlotsBegun([toPlace], new Dictionary<string, MaintenanceWindow>(), T0.AddHours(2)));
    }

    [Fact]
    public void A_due_requested_order_without_a_window_is_to_place_and_not_fixed()
    {
        var order = Order(dueBy: T0.AddDays(1));
        Assert.True(MaintenanceScheduling.IsToPlace(order));
        Assert.False(MaintenanceScheduling.IsFixed(order));
    }

    [Fact]
    public void An_order_a_manager_planned_into_a_window_is_fixed_even_when_it_is_due()
    {
        var window = new MaintenanceWindow(T0.AddHours(3), T0.AddHours(5));
        foreach (var status in new[] { MaintenanceStatus.Planned, MaintenanceStatus.InProgress })
        {
            var order = Order(dueBy: T0.AddDays(1), status: status, window: window);
            Assert.True(MaintenanceScheduling.IsFixed(order));
            Assert.False(MaintenanceScheduling.IsToPlace(order));
        }
    }

    [Fact]
    public void Orders_without_a_due_time_started_or_closed_are_neither_placed_nor_fixed()
    {
        Assert.False(MaintenanceScheduling.IsToPlace(Order()));
        Assert.False(MaintenanceScheduling.IsFixed(Order()));
        foreach (var status in new[] { MaintenanceStatus.InProgress, MaintenanceStatus.Done, MaintenanceStatus.Cancelled })
        {
            var order = Order(dueBy: T0.AddDays(1), status: status);
            Assert.False(MaintenanceScheduling.IsToPlace(order));
            Assert.False(MaintenanceScheduling.IsFixed(order));
        }

        var done = Order(dueBy: T0.AddDays(1), status: MaintenanceStatus.Done, window: new MaintenanceWindow(T0, T0.AddHours(1)));
        Assert.False(MaintenanceScheduling.IsFixed(done));
    }

    [Fact]
    public void To_place_picks_only_the_due_unplanned_orders_in_id_order()
    {
        var orders = new[]
        {
            Order(dueBy: T0.AddDays(1)) with { Id = "MO-B" },
            Order() with { Id = "MO-C" },
            Order(dueBy: T0.AddDays(1)) with { Id = "MO-A" },
            Order(dueBy: T0.AddDays(1), status: MaintenanceStatus.Planned, window: new MaintenanceWindow(T0, T0.AddHours(2))) with { Id = "MO-D" },
        };
        Assert.Equal(["MO-A", "MO-B"], MaintenanceScheduling.ToPlace(orders).Select(o => o.Id));
    }

    [Fact]
    public void The_due_window_runs_from_the_request_or_now_whichever_is_later_to_the_due_time()
    {
        var due = T0.AddDays(1);
        Assert.Equal(new MaintenanceWindow(T0.AddHours(1), due), MaintenanceScheduling.DueWindow(T0, due, TimeSpan.FromHours(2), T0.AddHours(1)));
        Assert.Equal(new MaintenanceWindow(T0, due), MaintenanceScheduling.DueWindow(T0, due, TimeSpan.FromHours(2), T0.AddHours(-1)));
    }

    [Fact]
    public void An_overdue_order_is_placed_as_soon_as_possible_within_its_duration_and_the_margin()
    {
        var now = T0.AddDays(2);
        var window = MaintenanceScheduling.DueWindow(T0, T0.AddDays(1), TimeSpan.FromHours(2), now);
        Assert.Equal(new MaintenanceWindow(now, now + TimeSpan.FromHours(2) + MaintenanceScheduling.OverdueMargin), window);

        // Due in one hour but takes two: too short to fit, so treated the same way.
        var tight = MaintenanceScheduling.DueWindow(T0, T0.AddHours(1), TimeSpan.FromHours(2), T0);
        Assert.Equal(T0 + TimeSpan.FromHours(2) + MaintenanceScheduling.OverdueMargin, tight.End);
    }

    [Fact]
    public void The_worker_needs_the_orders_skill_or_else_its_certification()
    {
        Assert.Equal("electrician", MaintenanceScheduling.WorkerSkill("electrician", "hv"));
        Assert.Equal("hv", MaintenanceScheduling.WorkerSkill(null, "hv"));
        Assert.Equal("hv", MaintenanceScheduling.WorkerSkill(" ", "hv"));
        Assert.Null(MaintenanceScheduling.WorkerSkill(null, null));
    }

    [Fact]
    public void Started_in_its_placed_slot_an_order_takes_the_slot_as_its_window_and_is_fixed_once_in_progress()
    {
        var order = Order(dueBy: T0.AddDays(1));
        var slot = new MaintenanceWindow(T0.AddHours(2), T0.AddHours(4));
        var adopted = MaintenanceScheduling.WithPlacedSlot(order, slot, T0.AddHours(3));
        Assert.Equal(slot, adopted.Window);
        var started = MaintenanceLifecycle.Start(adopted, "ana", T0.AddHours(3)).Order;
        Assert.True(MaintenanceScheduling.IsFixed(started));
        Assert.False(MaintenanceScheduling.IsToPlace(started));
    }

    [Fact]
    public void Started_outside_its_slot_the_window_is_as_long_from_the_start_and_without_a_slot_nothing_changes()
    {
        var order = Order(dueBy: T0.AddDays(1));
        var slot = new MaintenanceWindow(T0.AddHours(2), T0.AddHours(4));
        Assert.Equal(new MaintenanceWindow(T0.AddHours(1), T0.AddHours(3)), MaintenanceScheduling.WithPlacedSlot(order, slot, T0.AddHours(1)).Window);
        Assert.Same(order, MaintenanceScheduling.WithPlacedSlot(order, null, T0));
        var fixedOrder = Order(dueBy: T0.AddDays(1), status: MaintenanceStatus.Planned, window: new MaintenanceWindow(T0, T0.AddHours(1)));
        Assert.Same(fixedOrder, MaintenanceScheduling.WithPlacedSlot(fixedOrder, slot, T0));
    }
}
