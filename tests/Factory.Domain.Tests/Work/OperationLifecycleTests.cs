using System.Collections.Immutable;
using Factory.Domain.Work;

namespace Factory.Domain.Tests.Work;

public sealed class OperationLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static WorkOrder NewOrder(int quantity = 20) => OperationLifecycle.Refresh(new WorkOrder("WO-1", "S", "Shaft", quantity, T0.AddHours(8), 1,
    [
        new Operation(10, "Mill", "mill", null, 0, TimeSpan.FromMinutes(20), []),
        new Operation(20, "Pack", "pack", null, 0, TimeSpan.FromMinutes(10), []),
    ]), T0);

    private static WorkOrder Ok(LifecycleStep step) => Transition.Accepted(step.Refusal, step.Order);

    private static void Refused(LifecycleStep step, RefusalKind kind, string text, WorkOrder before) =>
        Transition.Refused(step.Refusal, step.Order, kind, text, before);

    [Fact]
    public void The_first_operation_is_ready_at_once_and_the_next_only_when_it_completes()
    {
        var order = NewOrder();
        Assert.Equal(OperationStatus.Ready, order.Operations[0].Status);
        Assert.Equal(T0, order.Operations[0].ReadyAt);
        Assert.Equal(OperationStatus.Pending, order.Operations[1].Status);
        Refused(OperationLifecycle.Release(order, 20, "PCK", null, T0), RefusalKind.Conflict, "not ready", order);

        order = Ok(OperationLifecycle.Release(order, 10, "CNC", "W1", T0.AddMinutes(1)));
        order = Ok(OperationLifecycle.CompleteOnMachine(order, 10, "CNC", 20, 1, T0.AddMinutes(30)));
        Assert.Equal(OperationStatus.Completed, order.Operations[0].Status);
        Assert.Equal(OperationStatus.Ready, order.Operations[1].Status);
        Assert.Equal(T0.AddMinutes(30), order.Operations[1].ReadyAt);
        Assert.Equal(WorkOrderStatus.InProgress, order.Status);
    }

    [Fact]
    public void Every_transition_of_a_run_is_dated_and_its_counts_kept()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC", "W1", T0.AddMinutes(1)));
        Assert.Equal(OperationStatus.Released, order.Operations[0].Status);
        Assert.Equal(("CNC", "W1"), (order.Operations[0].Assignment!.MachineId, order.Operations[0].Assignment!.WorkerId));
        order = Ok(OperationLifecycle.Start(order, 10, "CNC", T0.AddMinutes(2)));
        Assert.Equal(OperationStatus.Running, order.Operations[0].Status);
        var again = OperationLifecycle.Start(order, 10, "CNC", T0.AddMinutes(3));
        Assert.Same(order, again.Order);
        order = Ok(OperationLifecycle.Progress(order, 10, "CNC", 12, 1, T0.AddMinutes(10)));
        // A late report of lower totals changes nothing: totals are never lowered.
        Assert.Same(order, OperationLifecycle.Progress(order, 10, "CNC", 11, 0, T0.AddMinutes(9)).Order);
        order = Ok(OperationLifecycle.CompleteOnMachine(order, 10, "CNC", 20, 2, T0.AddMinutes(20)));
        var run = Assert.Single(order.Operations[0].Runs);
        Assert.Equal(new OperationRun("CNC", "W1", T0.AddMinutes(1), T0.AddMinutes(2), T0.AddMinutes(20), 20, 2, OperationStatus.Completed) { CountedAt = T0.AddMinutes(20) }, run);
        Assert.Equal(T0.AddMinutes(20), order.Operations[0].EndedAt);
        Assert.Same(order, OperationLifecycle.CompleteOnMachine(order, 10, "CNC", 20, 2, T0.AddMinutes(21)).Order);
    }

    [Fact]
    public void A_report_from_another_machine_is_refused_and_changes_nothing()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC-1", null, T0));
        Refused(OperationLifecycle.Progress(order, 10, "CNC-2", 5, 0, T0), RefusalKind.Conflict, "not on machine CNC-2", order);
        Refused(OperationLifecycle.Start(order, 10, "CNC-2", T0), RefusalKind.Conflict, "not on machine CNC-2", order);
        Refused(OperationLifecycle.Release(order, 10, "CNC-2", null, T0), RefusalKind.Conflict, "already Released on CNC-1", order);
        Refused(OperationLifecycle.Release(order, 99, "CNC-2", null, T0), RefusalKind.NotFound, "no operation 99", order);
    }

    [Fact]
    public void An_interrupted_operation_keeps_what_it_made_and_the_rest_runs_elsewhere()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC-1", "W1", T0));
        order = Ok(OperationLifecycle.Progress(order, 10, "CNC-1", 8, 1, T0.AddMinutes(8)));
        order = Ok(OperationLifecycle.Interrupt(order, 10, "CNC-1", 9, 1, T0.AddMinutes(9), "machine CNC-1 failed"));
        var op = order.Operations[0];
        Assert.Equal(OperationStatus.Interrupted, op.Status);
        Assert.Equal(9, op.Good);
        Assert.Equal(11, order.Remaining(op));
        Assert.Equal("machine CNC-1 failed", op.Runs[0].Note);

        order = Ok(OperationLifecycle.Release(order, 10, "CNC-2", "W2", T0.AddMinutes(10)));
        order = Ok(OperationLifecycle.CompleteOnMachine(order, 10, "CNC-2", 11, 0, T0.AddMinutes(25)));
        op = order.Operations[0];
        Assert.Equal(OperationStatus.Completed, op.Status);
        Assert.Equal([OperationStatus.Interrupted, OperationStatus.Completed], op.Runs.Select(r => r.Outcome!.Value));
        Assert.Equal(20, op.Good);
        Assert.Equal(1, op.Scrap);
    }

    [Fact]
    public void An_interruption_after_the_last_part_completes_the_operation()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC-1", null, T0));
        order = Ok(OperationLifecycle.Interrupt(order, 10, "CNC-1", 20, 0, T0.AddMinutes(9), "machine CNC-1 failed"));
        Assert.Equal(OperationStatus.Completed, order.Operations[0].Status);
        Assert.Equal(OperationStatus.Ready, order.Operations[1].Status);
    }

    [Fact]
    public void A_person_completes_short_only_with_a_reason()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC-1", null, T0));
        order = Ok(OperationLifecycle.Progress(order, 10, "CNC-1", 15, 0, T0.AddMinutes(5)));
        Refused(OperationLifecycle.CompleteByPerson(order, 10, "  ", T0.AddMinutes(6)), RefusalKind.Invalid, "15 of 20 good parts", order);
        order = Ok(OperationLifecycle.CompleteByPerson(order, 10, "material ran out", T0.AddMinutes(6)));
        Assert.Equal(OperationStatus.Completed, order.Operations[0].Status);
        Assert.Equal("material ran out", order.Operations[0].Note);
        Assert.Equal(OperationStatus.Completed, order.Operations[0].Runs[0].Outcome);
        Refused(OperationLifecycle.CompleteByPerson(order, 10, "again", T0), RefusalKind.Conflict, "is Completed", order);
        Refused(OperationLifecycle.CompleteByPerson(order, 30, "x", T0), RefusalKind.NotFound, "no operation 30", order);
    }

    [Fact]
    public void Cancelling_an_order_cancels_what_is_not_done_and_refuses_everything_after()
    {
        var order = Ok(OperationLifecycle.Release(NewOrder(), 10, "CNC-1", null, T0));
        order = Ok(OperationLifecycle.CompleteOnMachine(order, 10, "CNC-1", 20, 0, T0.AddMinutes(5)));
        order = Ok(OperationLifecycle.Release(order, 20, "PCK-1", null, T0.AddMinutes(6)));
        order = Ok(OperationLifecycle.Cancel(order, T0.AddMinutes(7), "customer withdrew"));
        Assert.Equal(WorkOrderStatus.Cancelled, order.Status);
        Assert.True(order.IsClosed);
        Assert.Equal([OperationStatus.Completed, OperationStatus.Cancelled], order.Operations.Select(o => o.Status));
        Assert.Equal(OperationStatus.Cancelled, order.Operations[1].Runs[0].Outcome);
        Refused(OperationLifecycle.Cancel(order, T0, "again"), RefusalKind.Conflict, "already Cancelled", order);
        Refused(OperationLifecycle.Progress(order, 20, "PCK-1", 1, 0, T0), RefusalKind.Conflict, "cancelled", order);
    }

    [Fact]
    public void Nothing_left_to_make_cannot_be_released()
    {
        var order = NewOrder(quantity: 5);
        order = Ok(OperationLifecycle.Release(order, 10, "CNC-1", null, T0));
        order = Ok(OperationLifecycle.Progress(order, 10, "CNC-1", 5, 0, T0));
        order = order.WithOperation(order.Operations[0] with { Status = OperationStatus.Interrupted, Runs = [order.Operations[0].Runs[0] with { EndedAt = T0 }] });
        Refused(OperationLifecycle.Release(order, 10, "CNC-2", null, T0), RefusalKind.Conflict, "nothing left", order);
    }

    [Fact]
    public void Negative_counts_are_refused() =>
        Assert.Equal(RefusalKind.Invalid, OperationLifecycle.Progress(Ok(OperationLifecycle.Release(NewOrder(), 10, "M", null, T0)), 10, "M", -1, 0, T0).Refusal!.Kind);

    [Fact]
    public void A_done_order_is_completed_at_its_last_operation_end()
    {
        var order = Ok(OperationLifecycle.CompleteByPerson(NewOrder(), 10, "made by hand", T0.AddMinutes(1)));
        order = Ok(OperationLifecycle.CompleteByPerson(order, 20, "made by hand", T0.AddMinutes(2)));
        Assert.Equal(WorkOrderStatus.Completed, order.Status);
        Assert.Equal(T0.AddMinutes(2), order.CompletedAt);
        Assert.Empty(order.Operations.SelectMany(o => o.Runs));
        Assert.Equal(ImmutableArray<OperationRun>.Empty, order.Operations[0].Runs);
    }
}
