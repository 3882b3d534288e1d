using Factory.Domain.Oee;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Work;

public sealed class ReleaseRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 8, 0, 0, TimeSpan.Zero);

    private static PlannedSlot Slot(string order, int minutesFromNow, int minutes, OperationStatus status, string? worker = "W1") =>
        new(order, 10, "M1", worker, Now.AddMinutes(minutesFromNow), Now.AddMinutes(minutesFromNow + minutes), status);

    [Fact]
    public void The_first_ready_operation_of_the_queue_goes_first()
    {
        var next = ReleaseRule.Next([Slot("B", 30, 10, OperationStatus.Ready), Slot("A", 0, 10, OperationStatus.Ready)], _ => true, Now);
        Assert.Equal("A", next!.WorkOrderId);
    }

    [Fact]
    public void An_operation_fills_free_time_only_when_it_is_done_before_the_waiting_one_is_planned()
    {
        Assert.Equal("B", ReleaseRule.Next([Slot("A", 20, 10, OperationStatus.Pending), Slot("B", 40, 15, OperationStatus.Ready)], _ => true, Now)!.WorkOrderId);
        Assert.Null(ReleaseRule.Next([Slot("A", 20, 10, OperationStatus.Pending), Slot("B", 40, 25, OperationStatus.Ready)], _ => true, Now));
    }

    [Fact]
    public void Work_whose_worker_is_absent_waits_and_interrupted_work_is_ready_again()
    {
        Assert.Null(ReleaseRule.Next([Slot("A", 0, 10, OperationStatus.Ready, "W9")], w => w != "W9", Now));
        Assert.Equal("A", ReleaseRule.Next([Slot("A", 0, 10, OperationStatus.Interrupted, null)], _ => false, Now)!.WorkOrderId);
    }

    [Fact]
    public void Work_already_on_a_machine_or_finished_is_never_released_again() =>
        Assert.Null(ReleaseRule.Next(
            [Slot("A", 0, 10, OperationStatus.Running), Slot("B", 1, 10, OperationStatus.Released), Slot("C", 2, 10, OperationStatus.Completed), Slot("D", 3, 1, OperationStatus.Cancelled)],
            _ => true, Now));

    [Fact]
    public void A_machine_down_for_maintenance_takes_no_job_until_the_window_ends()
    {
        var down = new[] { new TimeRange(Now.AddMinutes(-5), Now.AddMinutes(30)) };
        Assert.Null(ReleaseRule.Next([Slot("A", 0, 10, OperationStatus.Ready)], _ => true, Now, down));
        Assert.Equal("A", ReleaseRule.Next([Slot("A", 0, 10, OperationStatus.Ready)], _ => true, Now.AddMinutes(30), down)!.WorkOrderId);
    }

    [Fact]
    public void Before_a_maintenance_window_only_a_job_that_is_done_when_it_starts_is_released()
    {
        var down = new[] { new TimeRange(Now.AddMinutes(20), Now.AddMinutes(50)) };
        Assert.Null(ReleaseRule.Next([Slot("A", 0, 25, OperationStatus.Ready)], _ => true, Now, down));
        Assert.Equal("B", ReleaseRule.Next([Slot("A", 0, 25, OperationStatus.Ready), Slot("B", 1, 15, OperationStatus.Ready)], _ => true, Now, down)!.WorkOrderId);
        // A window that is over does not hold anything back.
        Assert.Equal("A", ReleaseRule.Next([Slot("A", 0, 25, OperationStatus.Ready)], _ => true, Now, [new TimeRange(Now.AddMinutes(-30), Now)])!.WorkOrderId);
    }
}
