using Factory.Domain.Maintenance;
using Factory.Domain.Oee;

namespace Factory.Domain.Tests.Maintenance;

public sealed class MaintenanceComplianceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeRange Week = new(T0, T0.AddDays(7));
    private static readonly DateTimeOffset Now = T0.AddDays(5);

    private static MaintenanceOrder Order(string id, MaintenanceKind kind = MaintenanceKind.Preventive, string machine = "CNC-1") => new(
        id, machine, kind, "Lubricate", ["Grease"], null, null, TimeSpan.FromHours(1), null, MaintenanceStatus.Requested, T0.AddDays(-10), "ana");

    private static MaintenanceOrder Done(MaintenanceOrder order, DateTimeOffset at) =>
        order with { Status = MaintenanceStatus.Done, StartedAt = at.AddHours(-1), FinishedAt = at, DoneBy = "ben" };

    [Fact]
    public void The_deadline_is_the_window_end_when_planned_else_the_due_time()
    {
        var due = Order("A") with { DueBy = T0.AddDays(2) };
        Assert.Equal(T0.AddDays(2), MaintenanceCompliance.Deadline(due));
        var planned = due with { Status = MaintenanceStatus.Planned, Window = new MaintenanceWindow(T0.AddDays(1), T0.AddDays(1).AddHours(2)) };
        Assert.Equal(T0.AddDays(1).AddHours(2), MaintenanceCompliance.Deadline(planned));
        Assert.Null(MaintenanceCompliance.Deadline(Order("B")));
        // Planned into a window that ends after it is due: still due by its due time.
        var postponed = due with { Status = MaintenanceStatus.Planned, Window = new MaintenanceWindow(T0.AddDays(3), T0.AddDays(3).AddHours(2)) };
        Assert.Equal(T0.AddDays(2), MaintenanceCompliance.Deadline(postponed));
        Assert.Null(MaintenanceCompliance.Outcome(Order("B"), Now));
    }

    [Fact]
    public void Orders_are_on_time_late_overdue_open_or_cancelled_at_their_deadline()
    {
        var due = T0.AddDays(2);
        Assert.Equal(ComplianceOutcome.OnTime, MaintenanceCompliance.Outcome(Done(Order("A") with { DueBy = due }, due), Now));
        Assert.Equal(ComplianceOutcome.Late, MaintenanceCompliance.Outcome(Done(Order("A") with { DueBy = due }, due.AddTicks(1)), Now));
        Assert.Equal(ComplianceOutcome.Overdue, MaintenanceCompliance.Outcome(Order("A") with { DueBy = due, Status = MaintenanceStatus.InProgress }, Now));
        Assert.Equal(ComplianceOutcome.Open, MaintenanceCompliance.Outcome(Order("A") with { DueBy = Now }, Now));
        Assert.Equal(ComplianceOutcome.Overdue, MaintenanceCompliance.Outcome(Order("A") with { DueBy = Now }, Now.AddTicks(1)));
        Assert.Equal(ComplianceOutcome.Cancelled, MaintenanceCompliance.Outcome(Order("A") with { DueBy = due, Status = MaintenanceStatus.Cancelled }, Now));
    }

    [Fact]
    public void A_planned_order_done_after_its_window_is_late_even_before_its_due_time()
    {
        var order = Done(Order("A") with
        {
            DueBy = T0.AddDays(3),
            Window = new MaintenanceWindow(T0.AddDays(1), T0.AddDays(1).AddHours(2)),
        }, T0.AddDays(1).AddHours(3));
        Assert.Equal(ComplianceOutcome.Late, MaintenanceCompliance.Outcome(order, Now));
    }

    [Fact]
    public void Only_planned_or_preventive_orders_of_the_machine_due_in_the_period_count()
    {
        MaintenanceOrder[] orders =
        [
            Done(Order("on-time") with { DueBy = T0.AddDays(1) }, T0.AddHours(20)),
            Done(Order("late") with { DueBy = T0.AddDays(1) }, T0.AddDays(2)),
            Order("overdue") with { DueBy = T0.AddDays(4) },
            Order("open") with { DueBy = T0.AddDays(6) },
            Order("cancelled") with { DueBy = T0.AddDays(2), Status = MaintenanceStatus.Cancelled },
            // A corrective order planned into a window has a deadline too; one never planned has none.
            Done(Order("corrective-planned", MaintenanceKind.Corrective) with
            {
                Window = new MaintenanceWindow(T0.AddDays(3), T0.AddDays(3).AddHours(1)),
            }, T0.AddDays(3).AddHours(1)),
            Order("corrective-due", MaintenanceKind.Corrective) with { DueBy = T0.AddDays(2) },
            // Outside the period: due the instant it ends (half-open), or before it starts.
            Order("next-week") with { DueBy = Week.End },
            Order("last-week") with { DueBy = T0.AddTicks(-1) },
            Order("other-machine", machine: "CNC-2") with { DueBy = T0.AddDays(1) },
        ];

        var summary = MaintenanceCompliance.Of("CNC-1", orders, Week, Now);

        // Deadline first, ties by id.
        Assert.Equal(["late", "on-time", "cancelled", "corrective-planned", "overdue", "open"], summary.Orders.Select(o => o.Order.Id));
        Assert.Equal((6, 2, 1, 1, 1, 1), (summary.Due, summary.OnTime, summary.Late, summary.Overdue, summary.Open, summary.Cancelled));
        Assert.Equal(2.0 / 4, summary.Rate);
    }

    [Fact]
    public void Without_a_deadline_passed_there_is_no_rate()
    {
        var summary = MaintenanceCompliance.Of("CNC-1", [Order("open") with { DueBy = T0.AddDays(6) }], Week, Now);
        Assert.Equal(1, summary.Open);
        Assert.Null(summary.Rate);
        Assert.Null(MaintenanceCompliance.Of("CNC-1", [], Week, Now).Rate);
    }
}
