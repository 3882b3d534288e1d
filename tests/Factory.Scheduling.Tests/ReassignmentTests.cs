using Factory.Scheduling.Model;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class ReassignmentTests
{
    private static readonly SchedulingProblem Problem = new(
        [new Machine("A"), new Machine("B"), new Machine("C")],
        [
            new Job("J1", [Shop.SkilledOp("weld1", "weld", 2, ("A", 5), ("B", 8)), Shop.Op("cut1", ("A", 3), ("C", 4))]),
            new Job("J2", [Shop.SkilledOp("weld2", "weld", 1, ("A", 5), ("B", 8)), Shop.Op("cut2", ("A", 3), ("C", 4))]),
        ],
        [
            new Worker("ann", [new WorkerSkill("weld", 2)]),
            new Worker("bo", [new WorkerSkill("weld", 1)]),
            new Worker("cy", [new WorkerSkill("weld", 3, ValidUntil: 12)]),
        ],
        [],
        []);

    [Fact]
    public void A_valid_reassignment_is_pinned_and_the_rest_replanned()
    {
        var current = new GreedyDispatcher().Solve(Problem).Plan!;

        var result = Reassignment.Reassign(Problem, current, "cut2", "C", null, now: 0);

        Assert.True(result.Accepted, string.Join("; ", result.Reasons));
        Shop.AssertValid(result.Replan!.Problem, result.Replan.Plan);
        Assert.Equal("C", result.Replan.Plan!.ByOperation()["cut2"].MachineId);
        Assert.Contains(result.Replan.Problem.Pinned, p => p.OperationId == "cut2" && p.MachineId == "C");
    }

    [Theory]
    [InlineData("weld1", "C", "ann", "machine 'C' cannot run")]
    [InlineData("weld1", "B", "bo", "lacks skill 'weld' at level 2")]
    [InlineData("weld1", "B", null, "needs a worker")]
    [InlineData("weld1", "B", "zed", "worker 'zed' does not exist")]
    [InlineData("nope", "A", null, "does not exist")]
    [InlineData("weld2", "B", "cy", "certification")]
    public void A_reassignment_that_breaks_a_constraint_is_refused_with_the_reason(string op, string machine, string? worker, string reason)
    {
        // Nothing has started yet (an empty plan), so only the constraint itself can refuse the move.
        var result = Reassignment.Reassign(Problem, new Factory.Scheduling.Plans.SchedulePlan([]), op, machine, worker, now: 6);

        Assert.False(result.Accepted);
        Assert.Null(result.Replan);
        Assert.Contains(result.Reasons, r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Started_work_cannot_be_reassigned()
    {
        var current = new GreedyDispatcher().Solve(Problem).Plan!;
        var first = current.Operations.OrderBy(s => s.Start).First();

        var result = Reassignment.Reassign(Problem, current, first.OperationId, first.MachineId, first.WorkerId, now: first.Start + 1);

        Assert.False(result.Accepted);
        Assert.Contains(result.Reasons, r => r.Contains("already started", StringComparison.Ordinal));
    }
}
