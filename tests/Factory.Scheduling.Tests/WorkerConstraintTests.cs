using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class WorkerConstraintTests
{
    public static TheoryData<string> Solvers => new() { "greedy", "cpsat" };

    private static async Task<SolveResult> Solve(string solver, SchedulingProblem problem) =>
        solver == "greedy"
            ? await new GreedyDispatcher().SolveAsync(problem, SolveOptions.Default)
            : await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(5)));

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Only_a_worker_with_the_skill_level_runs_the_operation(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B")],
            [new Job("J", [Shop.SkilledOp("weld", "weld", 2, ("A", 5), ("B", 5))])],
            [new ShiftWorker("novice", [new WorkerSkill("weld", 1)]), new ShiftWorker("expert", [new WorkerSkill("weld", 2)])],
            [], []);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal("expert", result.Plan!.Operations.Single().WorkerId);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_worker_does_one_operation_at_a_time(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B")],
            [
                new Job("J1", [Shop.SkilledOp("o1", "paint", 0, ("A", 10))]),
                new Job("J2", [Shop.SkilledOp("o2", "paint", 0, ("B", 10))]),
            ],
            [new ShiftWorker("only", [new WorkerSkill("paint")])],
            [], [], ObjectiveKind.Makespan);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(20, result.Plan!.Makespan);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Operations_lie_inside_a_shift(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [new Job("J", [Shop.SkilledOp("o", "paint", 0, ("A", 10)), Shop.SkilledOp("p", "paint", 0, ("A", 10))])],
            [new ShiftWorker("day", [new WorkerSkill("paint")], [new TimeWindow(0, 15), new TimeWindow(30, 45)])],
            [], [], ObjectiveKind.Makespan);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(30, result.Plan!.Operations.Single(s => s.OperationId == "p").Start);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task An_expiring_certification_hands_late_work_to_another_worker(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [new Job("J", [Shop.Op("prep", ("A", 20)), Shop.SkilledOp("weld", "weld", 0, ("A", 10))])],
            [
                new ShiftWorker("expiring", [new WorkerSkill("weld", 3, ValidUntil: 25)]),
                new ShiftWorker("valid", [new WorkerSkill("weld", 1)], [new TimeWindow(0, 100)]),
            ],
            [], []);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal("valid", result.Plan!.Operations.Single(s => s.OperationId == "weld").WorkerId);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task No_qualified_worker_means_no_plan_with_a_reason(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [new Job("J", [Shop.SkilledOp("o", "weld", 3, ("A", 5))])],
            [new ShiftWorker("w", [new WorkerSkill("weld", 1)])],
            [], []);

        var result = await Solve(solver, problem);

        Assert.Equal(SolveStatus.Infeasible, result.Status);
        Assert.Null(result.Plan);
        Assert.Contains("'o'", result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Pinned_and_frozen_operations_are_kept(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B")],
            [
                new Job("J1", [Shop.SkilledOp("running", "paint", 0, ("A", 10), ("B", 10)), Shop.SkilledOp("next", "paint", 0, ("A", 5), ("B", 5))]),
                new Job("J2", [Shop.SkilledOp("pinned", "paint", 0, ("A", 3), ("B", 30))]),
            ],
            [new ShiftWorker("w1", [new WorkerSkill("paint")]), new ShiftWorker("w2", [new WorkerSkill("paint")])],
            [new FrozenOperation("running", "A", "w1", 0, 10)],
            [new PinnedOperation("pinned", "B", "w1")],
            ObjectiveKind.Makespan);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        var byOp = result.Plan!.ByOperation();
        Assert.Equal(new ScheduledOperation("running", "J1", "A", "w1", 0, 10), byOp["running"]);
        Assert.Equal(("B", "w1"), (byOp["pinned"].MachineId, byOp["pinned"].WorkerId));
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_frozen_operation_outside_its_worker_s_shift_is_kept_as_a_fact(string solver)
    {
        // The worker's shift ended at 5 while the operation kept running until 8.
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [new Job("J", [Shop.SkilledOp("running", "paint", 0, ("A", 8)), Shop.SkilledOp("next", "paint", 0, ("A", 4))])],
            [new ShiftWorker("w", [new WorkerSkill("paint")], [new TimeWindow(0, 5), new TimeWindow(20, 100)])],
            [new FrozenOperation("running", "A", "w", 0, 8)],
            [],
            ObjectiveKind.Makespan,
            PlanStart: 6);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(20, result.Plan!.ByOperation()["next"].Start);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_worker_pinned_to_an_operation_without_a_skill_runs_it(string solver)
    {
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B")],
            [
                new Job("J1", [Shop.Op("plain", ("A", 5))]),
                new Job("J2", [Shop.SkilledOp("skilled", "paint", 0, ("B", 5))]),
            ],
            [new ShiftWorker("w", [new WorkerSkill("paint")])],
            [],
            [new PinnedOperation("plain", "A", "w")],
            ObjectiveKind.Makespan);

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal("w", result.Plan!.ByOperation()["plain"].WorkerId);
        Assert.Equal(10, result.Plan.Makespan);
    }
}
