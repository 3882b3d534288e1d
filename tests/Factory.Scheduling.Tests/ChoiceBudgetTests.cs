using Factory.Scheduling.Model;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>A CP-SAT model over its choice budget searches near the warm-start plan and says so.</summary>
public sealed class ChoiceBudgetTests
{
    /// <summary>30 orders of 3 operations, each operation possible on any of 40 machines with any of 40 workers: 7,200 choices.</summary>
    private static SchedulingProblem WideShop()
    {
        var machines = Enumerable.Range(0, 40).Select(m => new Machine($"M{m:00}")).ToList();
        var workers = Enumerable.Range(0, 40).Select(w => new ShiftWorker($"W{w:00}", [new WorkerSkill("run", 2)])).ToList();
        var jobs = Enumerable.Range(0, 30).Select(j => new Job($"J{j:00}",
        [
            .. Enumerable.Range(0, 3).Select(k => Shop.SkilledOp($"J{j:00}.{k}", "run", 1,
                [.. machines.Select((m, i) => (m.Id, (long)(10 + ((i + j + k) % 7))))])),
        ], Due: 40 + j)).ToList();
        return new SchedulingProblem(machines, jobs, workers, [], []);
    }

    [Fact]
    public async Task Over_budget_the_model_keeps_the_plans_choices_and_never_claims_optimality_for_the_whole_problem()
    {
        var problem = WideShop();
        var hint = new GreedyDispatcher().Solve(problem).Plan!;

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(2), Hint: hint, Workers: 2, MaxChoices: 400));

        Shop.AssertValid(problem, result.Plan);
        Assert.NotEqual(SolveStatus.Optimal, result.Status);
        Assert.Null(result.LowerBound);
        Assert.Contains("each operation kept at most 2 machines and 2 workers", result.Message);
        var before = Plans.ObjectiveValues.Of(problem, hint);
        var after = Plans.ObjectiveValues.Of(problem, result.Plan!);
        Assert.False(before.IsBetterThan(after, ObjectiveKind.WeightedTardinessThenMakespan), $"the plan got worse: {before} → {after}");
    }

    [Fact]
    public async Task Within_budget_the_model_holds_every_choice()
    {
        var problem = WideShop();
        var hint = new GreedyDispatcher().Solve(problem).Plan!;

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(1), Hint: hint, Workers: 2, MaxChoices: 7_200));

        Shop.AssertValid(problem, result.Plan);
        Assert.DoesNotContain("choice budget", result.Message ?? "");
    }
}
