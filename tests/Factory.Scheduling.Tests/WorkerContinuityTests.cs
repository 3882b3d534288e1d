using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class WorkerContinuityTests
{
    private static readonly ShiftWorker Ann = new("ann", [new WorkerSkill("weld", 2)]);
    private static readonly ShiftWorker Bob = new("bob", [new WorkerSkill("weld", 2)]);

    private static SchedulingProblem TwoWelds(params ShiftWorker[] workers) => new(
        [new Machine("A"), new Machine("B")],
        [
            new Job("J1", [Shop.SkilledOp("j1", "weld", 1, ("A", 10))]),
            new Job("J2", [Shop.SkilledOp("j2", "weld", 1, ("B", 10))]),
        ],
        workers.Length == 0 ? [Ann, Bob] : workers, [], []);

    private static SchedulePlan Plan(params ScheduledOperation[] operations) => new(operations);

    private static ScheduledOperation At(string op, string machine, string worker, long start, long end) => new(op, op.ToUpperInvariant(), machine, worker, start, end);

    [Fact]
    public void An_operation_goes_back_to_its_previous_worker_when_they_are_free_then()
    {
        var problem = TwoWelds();
        var before = Plan(At("j1", "A", "ann", 0, 10), At("j2", "B", "bob", 20, 30));
        var replanned = Plan(At("j1", "A", "bob", 5, 15), At("j2", "B", "ann", 20, 30));

        var kept = WorkerContinuity.Restore(problem, replanned, before);

        Shop.AssertValid(problem, kept);
        Assert.Equal(["ann", "bob"], kept.Operations.Select(o => o.WorkerId));
        Assert.Equal(replanned.Operations.Select(o => (o.MachineId, o.Start, o.End)), kept.Operations.Select(o => (o.MachineId, o.Start, o.End)));
    }

    [Fact]
    public void Two_operations_at_the_same_time_that_traded_workers_trade_back()
    {
        var problem = TwoWelds();
        var before = Plan(At("j1", "A", "ann", 0, 10), At("j2", "B", "bob", 0, 10));
        var replanned = Plan(At("j1", "A", "bob", 2, 12), At("j2", "B", "ann", 4, 14));

        var kept = WorkerContinuity.Restore(problem, replanned, before);

        Shop.AssertValid(problem, kept);
        Assert.Equal(["ann", "bob"], kept.Operations.Select(o => o.WorkerId));
    }

    [Fact]
    public void Nobody_goes_back_to_a_worker_who_is_busy_off_shift_or_not_certified_to_the_end()
    {
        var busy = Plan(At("j1", "A", "bob", 0, 10), At("j2", "B", "ann", 5, 15));
        var busyBefore = Plan(At("j1", "A", "ann", 0, 10), At("j2", "B", "ann", 20, 30));
        // j2 keeps ann, so j1 cannot have her back (a trade would give j2 bob, one change for one).
        Assert.Same(busy, WorkerContinuity.Restore(TwoWelds(), busy, busyBefore));

        var before = Plan(At("j1", "A", "ann", 0, 10), At("j2", "B", "bob", 20, 30));
        var replanned = Plan(At("j1", "A", "bob", 30, 40), At("j2", "B", "bob", 0, 10));
        var offShift = Ann with { Shifts = [new TimeWindow(0, 35)] };
        Assert.Same(replanned, WorkerContinuity.Restore(TwoWelds(offShift, Bob), replanned, before));

        var expiring = Ann with { Skills = [new WorkerSkill("weld", 2, ValidUntil: 39)] };
        Assert.Same(replanned, WorkerContinuity.Restore(TwoWelds(expiring, Bob), replanned, before));

        var unskilled = Ann with { Skills = [new WorkerSkill("weld", 0)] };
        Assert.Same(replanned, WorkerContinuity.Restore(TwoWelds(unskilled, Bob), replanned, before));

        var maintaining = replanned with { Maintenance = [new ScheduledMaintenance("pm", "B", "ann", 35, 45)] };
        Assert.Same(maintaining, WorkerContinuity.Restore(TwoWelds(), maintaining, before));
    }

    [Fact]
    public void Frozen_work_and_a_worker_a_manager_pinned_stay_as_planned()
    {
        var before = Plan(At("j1", "A", "ann", 0, 10), At("j2", "B", "ann", 20, 30));
        var replanned = Plan(At("j1", "A", "bob", 0, 10), At("j2", "B", "bob", 20, 30));
        var problem = TwoWelds() with
        {
            Frozen = [new FrozenOperation("j1", "A", "bob", 0, 10)],
            Pinned = [new PinnedOperation("j2", "B", "bob")],
        };

        Assert.Same(replanned, WorkerContinuity.Restore(problem, replanned, before));
    }

    [Property(MaxTest = 200)]
    public void A_re_plan_staffed_for_continuity_is_the_same_plan_with_fewer_people_moved(int seed, byte machinePick, byte when)
    {
        var problem = RandomShop.Create(seed, maxJobs: 8);
        var current = new GreedyDispatcher().Solve(problem).Plan!;
        var machine = problem.Machines[machinePick % problem.Machines.Count].Id;
        var at = current.Makespan == 0 ? 0 : when % current.Makespan;
        var (next, _) = Replanner.PrepareFailure(problem, current, new MachineFailure(machine, at, at + 20), ReplanPolicy.RestartElsewhere);
        var replanned = new ConstructivePlanner(ConstructiveOptions.Replan).Solve(next, current).Plan!;

        var kept = WorkerContinuity.Restore(next, replanned, current);

        Shop.AssertValid(next, kept);
        Assert.Equal(ObjectiveValues.Of(next, replanned), ObjectiveValues.Of(next, kept));
        var was = current.ByOperation();
        var planned = replanned.ByOperation();
        Assert.All(kept.Operations, s => Assert.Equal((planned[s.OperationId].MachineId, planned[s.OperationId].Start, planned[s.OperationId].End), (s.MachineId, s.Start, s.End)));
        int Moved(SchedulePlan plan) => plan.Operations.Count(s => was.TryGetValue(s.OperationId, out var b) && b.WorkerId is not null && b.WorkerId != s.WorkerId);
        Assert.True(Moved(kept) <= Moved(replanned), $"{Moved(kept)} people moved after continuity, {Moved(replanned)} before");
    }
}
