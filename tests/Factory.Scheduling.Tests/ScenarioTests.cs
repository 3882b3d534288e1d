using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Scenarios;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class ScenarioTests
{
    private static SchedulingProblem Shop2() => new(
        [new Machine("A"), new Machine("B")],
        [
            new Job("J1", [Shop.SkilledOp("J1.0", "weld", 1, ("A", 10), ("B", 10)), Shop.Op("J1.1", ("B", 5))], Due: 30, Weight: 1),
            new Job("J2", [Shop.SkilledOp("J2.0", "weld", 1, ("A", 10))], Due: 15, Weight: 2),
        ],
        [new ShiftWorker("W1", [new WorkerSkill("weld")]), new ShiftWorker("W2", [new WorkerSkill("weld")], [new TimeWindow(0, 100)])],
        [], [], ObjectiveKind.WeightedTardinessThenMakespan);

    [Fact]
    public void Changes_apply_to_a_copy_and_leave_the_problem_alone()
    {
        var problem = Shop2();
        var rush = new Job("R", [Shop.Op("R.0", ("A", 3))], Due: 5, Weight: 5);
        var scenario = new Scenario(
        [
            new MachineDown("A", 0, 20),
            new WorkerAbsent("W1", 5, 10),
            new RushOrder(rush),
            new DueDateChange("J1", 50),
            new PriorityChange("J2", 4),
            new OvertimeAllowed(100, 120, []),
        ]);

        var changed = scenario.Apply(problem);

        Assert.Equal([new TimeWindow(0, 20)], changed.Machines[0].Unavailable);
        // W1 has shifts once the absence is cut out of "always", so the later overtime window is added to them too.
        Assert.Equal([new TimeWindow(long.MinValue / 4, 5), new TimeWindow(10, long.MaxValue / 4), new TimeWindow(100, 120)], changed.Workers[0].Shifts!);
        Assert.Equal([new TimeWindow(0, 100), new TimeWindow(100, 120)], changed.Workers[1].Shifts!);
        Assert.Equal(["J1", "J2", "R"], changed.Jobs.Select(j => j.Id));
        Assert.Equal(50, changed.Jobs[0].Due);
        Assert.Equal(4, changed.Jobs[1].Weight);
        Assert.Equal(Shop2(), problem, new ProblemShape());
        Assert.Empty(problem.Machines[0].Unavailable);
        Assert.Null(problem.Workers[0].Shifts);
        Assert.Equal(2, problem.Jobs.Count);
        Shop.AssertValid(changed, new ConstructivePlanner().Solve(changed).Plan);
    }

    [Fact]
    public void Bad_changes_are_named_and_not_applied()
    {
        var problem = Shop2();
        var scenario = new Scenario(
        [
            new MachineDown("Z", 0, 20),
            new WorkerAbsent("W1", 10, 5),
            new RushOrder(new Job("J1", [Shop.Op("J1.0", ("Q", 1))])),
            new PriorityChange("J9", 0),
        ]);

        var errors = scenario.Check(problem);

        Assert.Contains("unknown machine 'Z'", errors);
        Assert.Contains(errors, e => e.Contains("end must come after", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("a job with this id exists", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("operation id 'J1.0' exists", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown machine 'Q'", StringComparison.Ordinal));
        Assert.Contains("unknown job 'J9'", errors);
        Assert.Throws<ArgumentException>(() => scenario.Apply(problem));
    }

    [Fact]
    public async Task A_breakdown_scenario_interrupts_running_work_and_compares_with_the_live_plan()
    {
        var problem = Shop2();
        var live = new GreedyDispatcher().Solve(problem).Plan!;
        var running = live.Operations.First(o => o.MachineId == "A" && o.Start == 0);

        var result = await ScenarioPlanner.PlanAsync(problem, live, new Scenario([new MachineDown("A", 2, 40)]), now: 2, optimizer: null);

        Assert.Equal("constructive", result.Solver);
        Shop.AssertValid(result.Problem, result.Result.Plan);
        Assert.DoesNotContain(result.Problem.Frozen, f => f.OperationId == running.OperationId);
        var moved = result.Result.Plan!.ByOperation()[running.OperationId];
        Assert.True(moved.MachineId == "B" || moved.Start >= 40);
        var comparison = result.Comparison!;
        Assert.Equal(PlanFigures.Of(Replanning.Replanner.FreezeStarted(problem, live, 2, null), live), comparison.Live);
        Assert.Equal(PlanFigures.Of(result.Problem, result.Result.Plan!), comparison.Scenario);
        Assert.True(comparison.Scenario.Makespan >= comparison.Live.Makespan);
        Assert.Equal(comparison.Moves.Count(m => m.MachineChanged), comparison.MachineChanges);
        Assert.Equal(["J1", "J2"], comparison.Orders.Select(o => o.JobId));
    }

    [Fact]
    public async Task Cp_sat_answers_a_scenario_no_worse_than_the_constructive_plan()
    {
        var problem = RandomShop.Create(7, maxJobs: 6, maxOps: 3);
        var live = new GreedyDispatcher().Solve(problem).Plan!;
        var scenario = new Scenario([new MachineDown(problem.Machines[0].Id, 0, 30)]);

        var quick = await ScenarioPlanner.PlanAsync(problem, live, scenario, 0, optimizer: null);
        var better = await ScenarioPlanner.PlanAsync(problem, live, scenario, 0, new SolveOptions(TimeSpan.FromSeconds(1), Workers: 2));

        Shop.AssertValid(better.Problem, better.Result.Plan);
        Assert.False(quick.Result.Objective!.IsBetterThan(better.Result.Objective!, problem.Objective));
    }

    /// <summary>Compares problems by what a scenario may change (windows, shifts, jobs), not by list identity.</summary>
    private sealed class ProblemShape : IEqualityComparer<SchedulingProblem>
    {
        public bool Equals(SchedulingProblem? x, SchedulingProblem? y) =>
            x is not null && y is not null &&
            x.Machines.Select(m => (m.Id, string.Join(",", m.Unavailable))).SequenceEqual(y.Machines.Select(m => (m.Id, string.Join(",", m.Unavailable)))) &&
            x.Workers.Select(w => (w.Id, w.Shifts is null ? "-" : string.Join(",", w.Shifts))).SequenceEqual(y.Workers.Select(w => (w.Id, w.Shifts is null ? "-" : string.Join(",", w.Shifts)))) &&
            x.Jobs.Select(j => (j.Id, j.Due, j.Weight, j.Operations.Count)).SequenceEqual(y.Jobs.Select(j => (j.Id, j.Due, j.Weight, j.Operations.Count)));

        public int GetHashCode(SchedulingProblem obj) => obj.Jobs.Count;
    }
}
