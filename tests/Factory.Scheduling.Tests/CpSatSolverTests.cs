using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class CpSatSolverTests
{
    [Fact]
    public async Task Ft06_reaches_its_optimum_55_and_proves_it()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ft06"));

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(20)));

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(55, result.Plan!.Makespan);
        Assert.True(result.IsOptimal);
    }

    [Fact]
    public async Task Mk01_reaches_its_optimum_40()
    {
        var problem = FjspReader.Read(Benchmarks.Brandimarte("mk01"));

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(20)));

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(40, result.Plan!.Makespan);
        Assert.True(result.IsOptimal);
    }

    [Fact]
    public async Task A_fixed_seed_gives_the_same_plan_twice()
    {
        var problem = FjspReader.Read(Benchmarks.Brandimarte("mk02"));
        var options = new SolveOptions(TimeSpan.FromSeconds(0.1), Seed: 7, Deterministic: true, Workers: 2);

        var first = await new CpSatSolver().SolveAsync(problem, options);
        var second = await new CpSatSolver().SolveAsync(problem, options);

        Shop.AssertValid(problem, first.Plan);
        Assert.Equal(first.Plan!.Operations, second.Plan!.Operations);
    }

    [Fact]
    public async Task Breakdown_windows_are_respected_and_cost_time()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ft06"))
            .WithUnavailability("2", new TimeWindow(0, 20))
            .WithUnavailability("0", new TimeWindow(10, 30));

        var greedy = await new GreedyDispatcher().SolveAsync(problem, SolveOptions.Default);
        var cpsat = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(10)));

        foreach (var plan in new[] { greedy.Plan, cpsat.Plan })
        {
            Shop.AssertValid(problem, plan);
            Assert.DoesNotContain(plan!.Operations, s => s.MachineId == "2" && s.Start < 20 && s.End > 0);
            Assert.DoesNotContain(plan.Operations, s => s.MachineId == "0" && s.Start < 30 && s.End > 10);
            Assert.True(plan.Makespan > 55);
        }

        Assert.True(cpsat.Plan!.Makespan <= greedy.Plan!.Makespan);
    }

    [Fact]
    public async Task Weighted_tardiness_comes_before_makespan()
    {
        // Both jobs need machine A for 10; the heavy job is due at 10, the light one at 20.
        var problem = new SchedulingProblem(
            [new Machine("A")],
            [
                new Job("light", [Shop.Op("l", ("A", 10))], Due: 10, Weight: 1),
                new Job("heavy", [Shop.Op("h", ("A", 10))], Due: 10, Weight: 5),
            ],
            [], [], [], ObjectiveKind.WeightedTardinessThenMakespan);

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(5)));

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(0, result.Plan!.Operations.Single(s => s.OperationId == "h").Start);
        Assert.Equal(10, result.Objective!.WeightedTardiness);
        Assert.True(result.IsOptimal);
    }

    [Fact]
    public async Task A_hint_warm_starts_and_is_never_made_worse()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ft10"));
        var greedy = new GreedyDispatcher().Solve(problem);

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(1), Hint: greedy.Plan, Workers: 2));

        Shop.AssertValid(problem, result.Plan);
        Assert.True(result.Plan!.Makespan <= greedy.Plan!.Makespan);
        Assert.True(result.LowerBound <= result.Plan.Makespan);
    }

    [Fact]
    public async Task Cancellation_stops_the_search_and_still_returns_a_plan()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ta21"));
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(60)), cts.Token);

        Assert.True(result.Elapsed < TimeSpan.FromSeconds(20));
        Shop.AssertValid(problem, result.Plan);
    }

    [Fact]
    public async Task A_search_cancelled_before_it_starts_builds_no_model_and_answers_with_the_warm_start()
    {
        var problem = JsplibReader.Read(Benchmarks.Jsplib("ta21"));
        var warmStart = new GreedyDispatcher().Solve(problem).Plan!;
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(60), Hint: warmStart), cts.Token);

        Assert.Equal(SolveStatus.Feasible, result.Status);
        Assert.Equal(warmStart.Operations, result.Plan!.Operations);
        Assert.Contains("cancelled before the search started", result.Message, StringComparison.Ordinal);
    }
}
