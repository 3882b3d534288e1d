using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>
/// The cost term of the objective on a shop whose optima are worked out by hand: two single-operation jobs that each run
/// on FAST (4 time units at rate 10 = 40) or CHEAP (6 units at rate 2 = 12).
/// </summary>
public sealed class CostObjectiveTests
{
    private static SchedulingProblem TwoJobs(long due, int weight, long costWeight) => new(
        [new Machine("FAST") { CostRate = 10 }, new Machine("CHEAP") { CostRate = 2 }],
        [
            new Job("J1", [Shop.Op("J1.a", ("FAST", 4), ("CHEAP", 6))], Due: due, Weight: weight),
            new Job("J2", [Shop.Op("J2.a", ("FAST", 4), ("CHEAP", 6))], Due: due, Weight: weight),
        ],
        [], [], [])
    {
        CostWeight = costWeight,
    };

    private static readonly SolveOptions Options = new(TimeSpan.FromSeconds(10), Seed: 1, Deterministic: true, Workers: 1);

    [Fact]
    public async Task Without_a_cost_weight_the_fastest_plan_wins()
    {
        var problem = TwoJobs(due: 20, weight: 1, costWeight: 0);
        var result = await new CpSatSolver().SolveAsync(problem, Options);
        Shop.AssertValid(problem, result.Plan);
        // One job on each machine: makespan 6, cost 40 + 12 (computed, but not weighed).
        Assert.Equal((0L, 6L, 52L, 0L), (result.Objective!.WeightedTardiness, result.Plan!.Makespan, result.Objective.Cost, result.Objective.Primary));
    }

    [Fact]
    public async Task When_due_dates_allow_both_jobs_take_the_cheaper_machine()
    {
        var problem = TwoJobs(due: 20, weight: 1, costWeight: 1);
        var result = await new CpSatSolver().SolveAsync(problem, Options);
        Shop.AssertValid(problem, result.Plan);
        // Both on CHEAP one after the other, ending at 12 ≤ 20: cost 2 × 12 = 24, nobody late.
        Assert.True(result.IsOptimal);
        Assert.All(result.Plan!.Operations, o => Assert.Equal("CHEAP", o.MachineId));
        Assert.Equal((0L, 24L, 24L, 12L), (result.Objective!.WeightedTardiness, result.Objective.Cost, result.Objective.Primary, result.Plan.Makespan));
    }

    [Fact]
    public async Task When_the_cheaper_plan_makes_an_important_order_late_cost_gives_way()
    {
        // Due at 8 with weight 10: both on CHEAP ends one job at 12, 4 late × 10 = 40, plus cost 24 = 64;
        // one on each machine costs 52 and nobody is late; both on FAST costs 80. The optimum is 52.
        var problem = TwoJobs(due: 8, weight: 10, costWeight: 1);
        var result = await new CpSatSolver().SolveAsync(problem, Options);
        Shop.AssertValid(problem, result.Plan);
        Assert.True(result.IsOptimal);
        Assert.Equal(["CHEAP", "FAST"], result.Plan!.Operations.Select(o => o.MachineId).Order());
        Assert.Equal((0L, 52L, 52L), (result.Objective!.WeightedTardiness, result.Objective.Cost, result.Objective.Primary));

        // A weight of 1 makes the 4 units of lateness (4) cheaper than the fast machine's extra 28: both go to CHEAP.
        var relaxed = TwoJobs(due: 8, weight: 1, costWeight: 1);
        var cheap = await new CpSatSolver().SolveAsync(relaxed, Options);
        Assert.Equal((4L, 24L, 28L), (cheap.Objective!.WeightedTardiness, cheap.Objective.Cost, cheap.Objective.Primary));
    }

    [Fact]
    public void The_dispatcher_takes_a_cheaper_machine_only_when_the_due_date_allows()
    {
        var loose = TwoJobs(due: 20, weight: 1, costWeight: 1);
        var plan = new GreedyDispatcher().Solve(loose).Plan;
        Shop.AssertValid(loose, plan);
        Assert.All(plan!.Operations, o => Assert.Equal("CHEAP", o.MachineId));

        // Due at 8: the first job fits on CHEAP (ends 6); the second would end at 12 there, so it takes FAST.
        var tight = TwoJobs(due: 8, weight: 1, costWeight: 1);
        var tightPlan = new GreedyDispatcher().Solve(tight).Plan;
        Shop.AssertValid(tight, tightPlan);
        Assert.Equal(["CHEAP", "FAST"], tightPlan!.Operations.Select(o => o.MachineId).Order());
        Assert.Equal(0, ObjectiveValues.Of(tight, tightPlan).WeightedTardiness);

        // Without a cost weight the dispatcher does what it always did: earliest end first.
        var plain = new GreedyDispatcher().Solve(TwoJobs(due: 20, weight: 1, costWeight: 0)).Plan!;
        Assert.Equal(["CHEAP", "FAST"], plain.Operations.Select(o => o.MachineId).Order());
    }

    [Fact]
    public void The_constructive_planner_keeps_the_cheaper_plan()
    {
        var problem = TwoJobs(due: 20, weight: 1, costWeight: 1);
        var result = new ConstructivePlanner().Solve(problem);
        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(24L, result.Objective!.Cost);
    }

    [Fact]
    public void Cost_is_each_operation_on_its_machine_and_counts_only_with_a_weight()
    {
        var problem = TwoJobs(due: 20, weight: 1, costWeight: 3);
        var plan = new SchedulePlan([new ScheduledOperation("J1.a", "J1", "FAST", null, 0, 4), new ScheduledOperation("J2.a", "J2", "CHEAP", null, 0, 6)]);
        var values = ObjectiveValues.Of(problem, plan);
        Assert.Equal((52L, 3L, 156L), (values.Cost, values.CostWeight, values.Primary));
        Assert.Equal(0L, ObjectiveValues.Of(TwoJobs(20, 1, 0), plan).Primary);
    }
}
