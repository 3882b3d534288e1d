using Factory.Domain.Maintenance;

namespace Factory.Domain.Tests.Maintenance;

public sealed class MaintenanceLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static MaintenanceOrder Draft(string reason = "Spindle bearing noise") => new(
        "MO-1", "CNC-1", MaintenanceKind.Corrective, reason, ["Replace bearing", "Run in"], "millwright", null,
        TimeSpan.FromHours(2), "bearing 6205", MaintenanceStatus.Requested, T0, "ana", AlarmId: "VIB-HIGH", DowntimeStart: T0.AddHours(-1));

    private static MaintenanceOrder Ok(MaintenanceStep step) => Transition.Accepted(step.Refusal, step.Order);

    private static void Refused(MaintenanceStep step, RefusalKind kind, string text, MaintenanceOrder before) =>
        Transition.Refused(step.Refusal, step.Order, kind, text, before);

    [Fact]
    public void An_order_goes_from_requested_through_planned_and_in_progress_to_done_with_who_and_how_long()
    {
        var order = Ok(MaintenanceLifecycle.Request(Draft(), T0));
        Assert.Equal(MaintenanceStatus.Requested, order.Status);
        Assert.Equal("VIB-HIGH", order.AlarmId);

        var window = new MaintenanceWindow(T0.AddHours(4), T0.AddHours(6));
        order = Ok(MaintenanceLifecycle.Plan(order, window));
        Assert.Equal(MaintenanceStatus.Planned, order.Status);
        Assert.Equal(window, order.Window);

        order = Ok(MaintenanceLifecycle.Start(order, "ben", T0.AddHours(4)));
        Assert.Equal(MaintenanceStatus.InProgress, order.Status);
        Assert.Null(order.TimeTaken);

        order = Ok(MaintenanceLifecycle.Finish(order, "ben", "bearing replaced", T0.AddHours(5.5)));
        Assert.Equal(MaintenanceStatus.Done, order.Status);
        Assert.Equal("ben", order.DoneBy);
        Assert.Equal(TimeSpan.FromHours(1.5), order.TimeTaken);
        Assert.True(order.IsClosed);
    }

    [Fact]
    public void A_planned_order_can_be_planned_again_until_it_starts()
    {
        var order = Ok(MaintenanceLifecycle.Plan(Ok(MaintenanceLifecycle.Request(Draft(), T0)), new MaintenanceWindow(T0.AddHours(1), T0.AddHours(2))));
        var later = new MaintenanceWindow(T0.AddHours(3), T0.AddHours(4));
        order = Ok(MaintenanceLifecycle.Plan(order, later));
        Assert.Equal(later, order.Window);

        order = Ok(MaintenanceLifecycle.Start(order, "ben", T0.AddHours(3)));
        Refused(MaintenanceLifecycle.Plan(order, later), RefusalKind.Conflict, "InProgress", order);
    }

    [Fact]
    public void Bad_transitions_are_refused_and_change_nothing()
    {
        var requested = Ok(MaintenanceLifecycle.Request(Draft(), T0));
        Refused(MaintenanceLifecycle.Finish(requested, "ben", null, T0), RefusalKind.Conflict, "only an order in progress", requested);
        Refused(MaintenanceLifecycle.Start(requested, " ", T0), RefusalKind.Invalid, "who starts it", requested);
        Refused(MaintenanceLifecycle.Cancel(requested, "", T0), RefusalKind.Invalid, "needs a reason", requested);
        Refused(MaintenanceLifecycle.Plan(requested, new MaintenanceWindow(T0.AddHours(2), T0.AddHours(2))), RefusalKind.Invalid, "at or before", requested);
        Refused(MaintenanceLifecycle.Plan(requested, new MaintenanceWindow(T0, T0.AddDays(400))), RefusalKind.Invalid, "at most", requested);

        var done = Ok(MaintenanceLifecycle.Finish(Ok(MaintenanceLifecycle.Start(requested, "ben", T0)), "ben", null, T0.AddHours(1)));
        Refused(MaintenanceLifecycle.Start(done, "ben", T0), RefusalKind.Conflict, "cannot be started", done);
        Refused(MaintenanceLifecycle.Cancel(done, "no longer needed", T0), RefusalKind.Conflict, "already Done", done);

        var cancelled = Ok(MaintenanceLifecycle.Cancel(requested, "machine scrapped", T0.AddHours(1)));
        Assert.Equal(MaintenanceStatus.Cancelled, cancelled.Status);
        Assert.Equal("machine scrapped", cancelled.Note);
        Refused(MaintenanceLifecycle.Plan(cancelled, new MaintenanceWindow(T0, T0.AddHours(1))), RefusalKind.Conflict, "Cancelled", cancelled);
        Refused(MaintenanceLifecycle.Start(cancelled, "ben", T0), RefusalKind.Conflict, "Cancelled", cancelled);
    }

    [Fact]
    public void A_new_order_is_checked_for_every_bound()
    {
        var draft = Draft(reason: " ") with { Id = "bad/id", EstimatedDuration = TimeSpan.Zero, Tasks = ["ok", ""], SpareParts = new string('x', 2001) };
        var step = MaintenanceLifecycle.Request(draft, T0);
        Assert.Equal(RefusalKind.Invalid, step.Refusal!.Kind);
        foreach (var text in new[] { "maintenance order id", "needs a reason", "estimated duration", "task 2 is blank", "spare parts" })
        {
            Assert.Contains(text, step.Refusal.Reason);
        }

        Assert.Same(draft, step.Order);
    }

    [Fact]
    public void An_open_order_is_overdue_only_after_its_due_time()
    {
        var order = Ok(MaintenanceLifecycle.Request(Draft() with { DueBy = T0.AddHours(8) }, T0));
        Assert.False(order.IsOverdue(T0.AddHours(8)));
        Assert.True(order.IsOverdue(T0.AddHours(8).AddTicks(1)));
        var done = Ok(MaintenanceLifecycle.Finish(Ok(MaintenanceLifecycle.Start(order, "ben", T0)), "ben", null, T0.AddHours(1)));
        Assert.False(done.IsOverdue(T0.AddHours(9)));
    }
}
