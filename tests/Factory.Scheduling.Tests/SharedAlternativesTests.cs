using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>
/// Problems derived from one another share their jobs' machine look-ups (#20: a re-plan indexes the same jobs five or six
/// times). What is shared must never let a problem through that its own machines do not allow, nor change a plan.
/// </summary>
public sealed class SharedAlternativesTests
{
    private static readonly IReadOnlyList<Job> Jobs =
    [
        new("J1", [Shop.Op("J1.1", ("A", 3), ("B", 2)), Shop.Op("J1.2", ("B", 4), ("C", 4))]),
        new("J2", [Shop.Op("J2.1", ("A", 2)), Shop.Op("J2.2", ("C", 1), ("A", 5))]),
    ];

    private static SchedulingProblem On(params string[] machines) => new([.. machines.Select(m => new Machine(m))], Jobs);

    [Fact]
    public void The_same_jobs_on_fewer_machines_are_refused_after_they_were_planned_on_all_of_them()
    {
        Assert.NotNull(new ConstructivePlanner().Solve(On("A", "B", "C")).Plan);

        var error = Assert.Throws<ArgumentException>(() => new ConstructivePlanner().Solve(On("A", "B")));
        Assert.Contains("unknown machine 'C'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_jobs_on_the_machines_in_another_order_are_planned_on_the_machines_they_name()
    {
        var first = On("A", "B", "C");
        var reordered = On("C", "A", "B");

        var plan = new ConstructivePlanner().Solve(first).Plan;
        var again = new ConstructivePlanner().Solve(reordered).Plan;

        Shop.AssertValid(first, plan);
        Shop.AssertValid(reordered, again);
        Assert.Equal(Describe(plan!), Describe(again!));
    }

    [Fact]
    public void A_problem_derived_by_freezing_and_a_failure_plans_as_a_fresh_copy_of_it_does()
    {
        var problem = On("A", "B", "C");
        var plan = new ConstructivePlanner(ConstructiveOptions.Replan with { SearchWork = 0 }).Solve(problem).Plan!;
        var failure = new MachineFailure("B", 1, 20);
        var policy = ReplanPolicy.RestartElsewhere with { Slack = 2, HoldMargin = 1, Planning = ConstructiveOptions.Replan with { SearchWork = 0 } };

        var derived = Replanner.OnMachineFailure(problem, plan, failure, policy);
        // A copy whose job list is another object: nothing is shared with the problem planned above.
        var copy = problem with { Jobs = [.. Jobs] };
        var fresh = Replanner.OnMachineFailure(copy, plan, failure, policy);

        Shop.AssertValid(derived.Problem, derived.Plan);
        Assert.Equal(Describe(fresh.Plan!), Describe(derived.Plan!));
    }

    private static string Describe(SchedulePlan plan) =>
        string.Join("; ", plan.Operations.OrderBy(o => o.OperationId, StringComparer.Ordinal).Select(o => $"{o.OperationId}@{o.MachineId} {o.Start}-{o.End}"));
}
