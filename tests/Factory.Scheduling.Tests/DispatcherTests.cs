using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class DispatcherTests
{
    [Fact]
    public void Multi_start_is_reproducible_and_never_worse_than_one_pass()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("la29"));
        var dispatcher = new GreedyDispatcher();

        var single = dispatcher.Solve(problem);
        var first = dispatcher.SolveMultiStart(problem, restarts: 20, seed: 3);
        var again = dispatcher.SolveMultiStart(problem, restarts: 20, seed: 3);

        Shop.AssertValid(problem, first.Plan);
        Assert.Equal(first.Plan!.Operations, again.Plan!.Operations);
        Assert.True(first.Plan.Makespan <= single.Plan!.Makespan);
    }

    [Fact]
    public async Task An_empty_problem_has_an_empty_plan()
    {
        var problem = new SchedulingProblem([new Machine("A")], []);

        var greedy = new GreedyDispatcher().Solve(problem);
        var cpsat = await new CpSatSolver().SolveAsync(problem, SolveOptions.Default);

        Assert.Empty(greedy.Plan!.Operations);
        Assert.Empty(cpsat.Plan!.Operations);
        Assert.Equal(0, cpsat.Plan.Makespan);
    }

    [Fact]
    public void Urgent_heavy_work_goes_first_when_tardiness_counts()
    {
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [
                // "short" would finish first, but "rush" is due and competes for the same machine.
                new Job("short", [Shop.Op("s", ("A", 2))]),
                new Job("rush", [Shop.Op("r", ("A", 3))], Due: 3, Weight: 5),
            ],
            [], [], [], ObjectiveKind.WeightedTardinessThenMakespan);

        var result = new GreedyDispatcher().Solve(problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(0, result.Plan!.ByOperation()["r"].Start);
        Assert.Equal(0, result.Objective!.WeightedTardiness);
    }
}
