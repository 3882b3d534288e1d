using Factory.Domain.Work;

namespace Factory.Domain.Tests.Work;

public sealed class PlanAdoptionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static WorkOrder Order(params Operation[] operations) =>
        OperationLifecycle.Refresh(new WorkOrder("WO-1", "S", "Shaft", 10, T0.AddHours(8), 1, [.. operations]), T0);

    private static Operation Op(int sequence, Assignment? assignment = null) =>
        new(sequence, $"Op {sequence}", "mill", "milling", 1, TimeSpan.FromMinutes(10), [], assignment);

    [Fact]
    public void Unassigned_operations_take_the_plans_machine_and_worker()
    {
        var order = Order(Op(10), Op(20));
        var adopted = PlanAdoption.Adopt(order, [new(10, "CNC-1", "W1"), new(20, "CNC-2", null)], T0);
        Assert.Equal(new Assignment("CNC-1", "W1"), adopted.FindOperation(10)!.Assignment);
        // No worker is stored as empty, as a manager's assignment without one is.
        Assert.Equal(new Assignment("CNC-2", ""), adopted.FindOperation(20)!.Assignment);
    }

    [Fact]
    public void The_same_assignment_again_changes_nothing_and_returns_the_same_order()
    {
        var order = Order(Op(10, new Assignment("CNC-1", "W1")), Op(20, new Assignment("CNC-2", "")));
        var adopted = PlanAdoption.Adopt(order, [new(10, "CNC-1", "W1"), new(20, "CNC-2", null)], T0);
        Assert.Same(order, adopted);
    }

    [Fact]
    public void Work_on_a_machine_or_finished_is_the_floors_truth()
    {
        var order = Order(Op(10), Op(20));
        order = OperationLifecycle.Release(order, 10, "CNC-1", "W1", T0).Order;
        Assert.Same(order, PlanAdoption.Adopt(order, [new(10, "CNC-2", "W2")], T0));

        order = OperationLifecycle.CompleteOnMachine(order, 10, "CNC-1", 10, 0, T0.AddMinutes(10)).Order;
        Assert.True(order.FindOperation(10)!.IsFinished);
        Assert.Same(order, PlanAdoption.Adopt(order, [new(10, "CNC-2", "W2")], T0.AddMinutes(11)));
    }

    [Fact]
    public void A_pinned_assignment_and_a_managers_newer_assignment_stand()
    {
        var pinned = Order(Op(10, new Assignment("CNC-1", "W1", Pinned: true)));
        Assert.Same(pinned, PlanAdoption.Adopt(pinned, [new(10, "CNC-2", "W2")], T0));

        // Assigned by a manager after the plan was computed: the plan has not seen it yet.
        var newer = Order(Op(10, new Assignment("CNC-1", "W1", ManagerAssignedAt: T0.AddMinutes(1))));
        Assert.Same(newer, PlanAdoption.Adopt(newer, [new(10, "CNC-2", "W2")], T0));
    }

    [Fact]
    public void A_managers_machine_and_not_before_survive_the_plan_picking_another_worker()
    {
        var order = Order(Op(10, new Assignment("CNC-1", "W1", ManagerAssignedAt: T0, NotBefore: T0.AddHours(2))));
        var adopted = PlanAdoption.Adopt(order, [new(10, "CNC-1", "W2")], T0.AddMinutes(5));
        Assert.Equal(new Assignment("CNC-1", "W2", Pinned: false, T0, T0.AddHours(2)), adopted.FindOperation(10)!.Assignment);

        // Moved to another machine by the plan, the manager's choice (and its time) no longer holds.
        var moved = PlanAdoption.Adopt(order, [new(10, "CNC-2", "W2")], T0.AddMinutes(5));
        Assert.Equal(new Assignment("CNC-2", "W2"), moved.FindOperation(10)!.Assignment);
    }

    [Fact]
    public void An_operation_the_order_does_not_have_is_ignored()
    {
        var order = Order(Op(10));
        Assert.Same(order, PlanAdoption.Adopt(order, [new(99, "CNC-1", "W1")], T0));
    }

    [Theory]
    [InlineData("CNC-1", "W1", "CNC-1", "W1", false)]
    [InlineData("CNC-1", "", "CNC-1", null, false)]
    [InlineData("CNC-1", null, "CNC-1", "", false)]
    [InlineData("CNC-1", "W1", "CNC-1", "W2", true)]
    [InlineData("CNC-1", "W1", "CNC-2", "W1", true)]
    [InlineData(null, null, "CNC-1", null, true)]
    public void Only_another_machine_or_worker_differs(string? machine, string? worker, string plannedMachine, string? plannedWorker, bool differs) =>
        Assert.Equal(differs, PlanAdoption.Differs(machine, worker, new PlanAssignment(10, plannedMachine, plannedWorker)));

    [Fact]
    public void Adopting_is_idempotent_and_what_does_not_differ_never_changes()
    {
        // Over every combination of current and planned machine and worker: adopting twice is adopting once, and an
        // operation that does not differ from its slot is left as it is.
        string?[] machines = [null, "CNC-1", "CNC-2"];
        string?[] workers = [null, "", "W1", "W2"];
        foreach (var machine in machines)
        {
            foreach (var worker in workers)
            {
                var order = Order(Op(10, machine is null ? null : new Assignment(machine, worker ?? "")));
                foreach (var plannedMachine in new[] { "CNC-1", "CNC-2" })
                {
                    foreach (var plannedWorker in workers)
                    {
                        PlanAssignment[] plan = [new(10, plannedMachine, plannedWorker)];
                        var once = PlanAdoption.Adopt(order, plan, T0);
                        Assert.Same(once, PlanAdoption.Adopt(once, plan, T0));
                        if (!PlanAdoption.Differs(machine, worker, plan[0]))
                        {
                            Assert.Same(order, once);
                        }
                    }
                }
            }
        }
    }
}
