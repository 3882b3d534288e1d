using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class PropertyTests
{
    [Property(MaxTest = 300)]
    public void The_dispatcher_plans_every_random_shop_validly(int seed)
    {
        var problem = RandomShop.Create(seed);

        var result = new GreedyDispatcher().Solve(problem);

        Shop.AssertValid(problem, result.Plan);
    }

    [Property(MaxTest = 200)]
    public void Replanning_after_a_random_failure_is_valid_and_keeps_started_work(int seed, byte machinePick, byte when, byte repair, bool wait)
    {
        var problem = RandomShop.Create(seed);
        var current = new GreedyDispatcher().Solve(problem).Plan!;
        var machine = problem.Machines[machinePick % problem.Machines.Count].Id;
        var at = current.Makespan == 0 ? 0 : when % current.Makespan;
        var failure = new MachineFailure(machine, at, at + 1 + (repair % 40));

        var result = Replanner.OnMachineFailure(problem, current, failure, wait ? ReplanPolicy.AlwaysWait : ReplanPolicy.RestartElsewhere);

        if (result.Plan is null)
        {
            // Only waiting can be impossible: the pinned worker's shift or certification may end before the repair.
            Assert.True(wait && result.Interrupted.Count > 0, result.Result.Message);
            return;
        }

        Shop.AssertValid(result.Problem, result.Plan);
        var after = result.Plan.ByOperation();
        foreach (var s in current.Operations.Where(s => s.Start < at && !result.Interrupted.Contains(s.OperationId)))
        {
            Assert.Equal(s, after[s.OperationId]);
        }

        Assert.DoesNotContain(result.Plan.Operations, s => s.MachineId == machine && s.Start < failure.ExpectedRepairAt && s.End > at);
    }

    [Property(MaxTest = 200)]
    public void Replanning_with_slack_is_valid_and_never_worse_than_without(int seed, byte machinePick, byte when, byte slack)
    {
        var (problem, current, failure) = RandomShop.WithFailure(seed, machinePick, when);
        var at = failure.At;

        var plain = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere);
        var sticky = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere with { Slack = 1 + (slack % 30) });

        Shop.AssertValid(sticky.Problem, sticky.Plan);
        Assert.False(plain.Result.Objective!.IsBetterThan(sticky.Result.Objective!, problem.Objective));
        var after = sticky.Plan!.ByOperation();
        foreach (var s in current.Operations.Where(s => s.Start < at && !sticky.Interrupted.Contains(s.OperationId)))
        {
            Assert.Equal(s, after[s.OperationId]);
        }
    }

    [Property(MaxTest = 100)]
    public void Right_shift_repair_breaks_nothing_but_certifications(int seed, byte when, byte repair)
    {
        var problem = RandomShop.Create(seed);
        var current = new GreedyDispatcher().Solve(problem).Plan!;
        var at = current.Makespan == 0 ? 0 : when % current.Makespan;
        var failure = new MachineFailure(problem.Machines[0].Id, at, at + 1 + (repair % 40));

        var shifted = RightShiftRepair.Repair(problem, current, failure);

        var violations = PlanChecker.Check(shifted.Problem, shifted.Plan!);
        Assert.All(violations, v => Assert.Equal(ViolationKind.CertificationExpired, v.Kind));
    }

    [Property(MaxTest = 25)]
    public void Cp_sat_plans_are_valid_and_never_worse_than_the_dispatcher(int seed)
    {
        var problem = RandomShop.Create(seed, maxJobs: 5, maxOps: 3);
        var greedy = new GreedyDispatcher().Solve(problem);

        var result = new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(2), Workers: 2)).GetAwaiter().GetResult();

        Shop.AssertValid(problem, result.Plan);
        Assert.False(greedy.Objective!.IsBetterThan(result.Objective!, problem.Objective));
    }

    [Property(MaxTest = 150)]
    public void A_pinned_not_before_is_honoured_by_the_dispatcher_insertion_and_the_constructive_plan(int seed, byte pick, byte delay)
    {
        var (problem, pin) = PinLater(RandomShop.Create(seed), pick, delay);

        foreach (var plan in new[]
        {
            new GreedyDispatcher().Solve(problem).Plan,
            new InsertionScheduler().Solve(problem).Plan,
            new ConstructivePlanner().Solve(problem).Plan,
        })
        {
            Shop.AssertValid(problem, plan);
            Assert.True(plan!.ByOperation()[pin.OperationId].Start >= pin.NotBefore);
        }
    }

    [Property(MaxTest = 15)]
    public void A_pinned_not_before_is_honoured_by_cp_sat(int seed, byte pick, byte delay)
    {
        var (problem, pin) = PinLater(RandomShop.Create(seed, maxJobs: 5, maxOps: 3), pick, delay);

        var result = new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(1), Workers: 2)).GetAwaiter().GetResult();

        Shop.AssertValid(problem, result.Plan);
        Assert.True(result.Plan!.ByOperation()[pin.OperationId].Start >= pin.NotBefore);
    }

    /// <summary>One operation of the dispatcher's plan pinned to its machine, not before a random delay after its start.</summary>
    private static (SchedulingProblem Problem, PinnedOperation Pin) PinLater(SchedulingProblem problem, byte pick, byte delay)
    {
        var plan = new GreedyDispatcher().Solve(problem).Plan!;
        var s = plan.Operations[pick % plan.Operations.Count];
        var pin = new PinnedOperation(s.OperationId, s.MachineId, null, s.Start + (delay % 60));
        return (problem with { Pinned = [pin] }, pin);
    }
}
