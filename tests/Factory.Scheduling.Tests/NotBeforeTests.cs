using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>A pin's not-before (a Gantt bar dragged to a later time) bounds the operation's start in every solver.</summary>
public sealed class NotBeforeTests
{
    /// <summary>o3 would start at once on A; pinned not before 20 it must wait although A is free earlier.</summary>
    private static readonly SchedulingProblem Problem = new(
        [new Machine("A"), new Machine("B")],
        [
            new Job("J1", [Shop.Op("o1", ("A", 10)), Shop.Op("o2", ("A", 5), ("B", 5))]),
            new Job("J2", [Shop.Op("o3", ("A", 4))]),
        ],
        [],
        [],
        [new PinnedOperation("o3", "A", null, NotBefore: 20)]);

    public static TheoryData<string> Solvers() => ["greedy", "multistart", "insertion", "constructive", "cpsat"];

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Every_solver_starts_a_pinned_operation_at_its_not_before_and_no_earlier(string solver)
    {
        var plan = await Solve(solver, Problem);

        Shop.AssertValid(Problem, plan);
        // A is free at 20 and nothing else is left to do: the earliest allowed start is also the best one.
        Assert.Equal(20, plan!.ByOperation()["o3"].Start);
        Assert.Equal("A", plan.ByOperation()["o3"].MachineId);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_not_before_on_a_first_operation_delays_its_successors_too(string solver)
    {
        var problem = Problem with { Pinned = [new PinnedOperation("o1", "A", null, NotBefore: 30)] };

        var plan = await Solve(solver, problem);

        Shop.AssertValid(problem, plan);
        var byOp = plan!.ByOperation();
        Assert.Equal(30, byOp["o1"].Start);
        Assert.True(byOp["o2"].Start >= 40, $"o2 starts at {byOp["o2"].Start}");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_not_before_in_the_past_means_as_soon_as_possible(string solver)
    {
        var problem = Problem with { PlanStart = 50, Pinned = [new PinnedOperation("o3", "A", null, NotBefore: 20)] };

        var plan = await Solve(solver, problem);

        Shop.AssertValid(problem, plan);
        Assert.True(plan!.ByOperation()["o3"].Start >= 50);
        Assert.True(plan.ByOperation()["o3"].Start < 70, $"o3 waits needlessly until {plan.ByOperation()["o3"].Start}");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task Maintenance_is_placed_first_and_the_pinned_operation_starts_after_both(string solver)
    {
        var problem = Problem with { MaintenanceTasks = [new MaintenanceTask("pm", "A", 5, new TimeWindow(18, 30))] };

        var plan = await Solve(solver, problem);

        Shop.AssertValid(problem, plan);
        var o3 = plan!.ByOperation()["o3"];
        Assert.True(o3.Start >= 20, $"o3 starts at {o3.Start}");
        Assert.Single(plan.Maintenance);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task On_a_classic_instance_many_not_befores_are_all_honoured(string solver)
    {
        var classic = JsplibReader.Read(Benchmarks.Jsplib("la01"));
        var first = new GreedyDispatcher().Solve(classic).Plan!;
        // Every fifth operation pinned where it is, but a while later: the search and CP-SAT must not pull any back.
        var pins = first.Operations.Where((_, i) => i % 5 == 0).Select(s => new PinnedOperation(s.OperationId, s.MachineId, null, s.Start + 37)).ToList();
        var problem = classic with { Pinned = pins };

        var plan = await Solve(solver, problem);

        Shop.AssertValid(problem, plan);
        var byOp = plan!.ByOperation();
        Assert.All(pins, p => Assert.True(byOp[p.OperationId].Start >= p.NotBefore, $"{p.OperationId} starts at {byOp[p.OperationId].Start}, pinned not before {p.NotBefore}"));
    }

    [Fact]
    public void The_checker_reports_a_start_before_the_not_before()
    {
        var early = new SchedulePlan(
        [
            new ScheduledOperation("o1", "J1", "A", null, 0, 10),
            new ScheduledOperation("o2", "J1", "B", null, 10, 15),
            new ScheduledOperation("o3", "J2", "A", null, 10, 14),
        ]);

        var violations = PlanChecker.Check(Problem, early);

        var violation = Assert.Single(violations);
        Assert.Equal(ViolationKind.PinnedTooEarly, violation.Kind);
        Assert.Equal("o3", violation.OperationId);
        Assert.Empty(PlanChecker.Check(Problem, new SchedulePlan([.. early.Operations.Select(s => s.OperationId == "o3" ? s with { Start = 20, End = 24 } : s)])));
    }

    [Fact]
    public void A_not_before_beyond_any_plan_is_a_malformed_problem()
    {
        var problem = Problem with { Pinned = [new PinnedOperation("o3", "A", null, long.MaxValue)] };

        var error = Assert.Throws<ArgumentException>(() => new GreedyDispatcher().Solve(problem));
        Assert.Contains("beyond any plan", error.Message, StringComparison.Ordinal);
    }

    private static async Task<SchedulePlan?> Solve(string solver, SchedulingProblem problem) => solver switch
    {
        "greedy" => new GreedyDispatcher().Solve(problem).Plan,
        "multistart" => new GreedyDispatcher().SolveMultiStart(problem, 8, 3).Plan,
        "insertion" => new InsertionScheduler().Solve(problem).Plan,
        "constructive" => new ConstructivePlanner().Solve(problem).Plan,
        "cpsat" => (await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(3), Workers: 2))).Plan,
        _ => throw new ArgumentOutOfRangeException(nameof(solver), solver, "unknown solver"),
    };
}
