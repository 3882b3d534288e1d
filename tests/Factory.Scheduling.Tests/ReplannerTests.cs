using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class ReplannerTests
{
    // M1 is the fast machine, so the dispatcher queues most work on it; M2 and M3 can do everything, slower.
    private static readonly SchedulingProblem Problem = new(
        [new Machine("M1"), new Machine("M2"), new Machine("M3")],
        [.. Enumerable.Range(0, 6).Select(j => new Job(
            $"J{j}",
            [
                Shop.SkilledOp($"J{j}.0", "weld", j % 2 == 0 ? 2 : 1, ("M1", 4), ("M2", 6), ("M3", 7)),
                Shop.Op($"J{j}.1", ("M1", 3), ("M2", 5)),
            ],
            Due: 40,
            Weight: 1 + (j % 3)))],
        [
            new ShiftWorker("alice", [new WorkerSkill("weld", 2)]),
            new ShiftWorker("bob", [new WorkerSkill("weld", 1)]),
            new ShiftWorker("carol", [new WorkerSkill("weld", 2)], [new TimeWindow(0, 500)]),
        ],
        [],
        []);

    private static SchedulePlan InitialPlan()
    {
        var plan = new GreedyDispatcher().Solve(Problem).Plan;
        Shop.AssertValid(Problem, plan);
        return plan!;
    }

    [Fact]
    public void A_long_failure_moves_queued_work_to_other_capable_machines_and_qualified_workers()
    {
        var current = InitialPlan();
        var running = current.Operations.Where(s => s.MachineId == "M1").OrderBy(s => s.Start).Skip(1).First();
        var at = running.Start + 1;
        var failure = new MachineFailure("M1", at, at + 1000);

        var result = Replanner.OnMachineFailure(Problem, current, failure, new ReplanPolicy(WaitThreshold: 30));

        Shop.AssertValid(result.Problem, result.Plan);
        var after = result.Plan!.ByOperation();
        Assert.Equal([running.OperationId], result.Interrupted);
        var queued = current.Operations.Where(s => s.MachineId == "M1" && s.Start >= at).Select(s => s.OperationId).ToList();
        Assert.NotEmpty(queued);
        Assert.All(queued.Append(running.OperationId), id => Assert.NotEqual("M1", after[id].MachineId));
        Assert.All(queued.Append(running.OperationId), id => Assert.Contains(result.Moves, m => m.OperationId == id && m.Before!.MachineId == "M1" && m.MachineChanged));

        // Work that started elsewhere (or finished anywhere) before the failure is untouched.
        foreach (var s in current.Operations.Where(s => s.Start < at && s.OperationId != running.OperationId))
        {
            Assert.Equal(s, after[s.OperationId]);
        }

        Assert.All(result.Plan.Operations.Where(s => s.OperationId != running.OperationId && !current.Operations.Contains(s)), s => Assert.True(s.Start >= at));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Keeping_assignments_moves_only_the_failed_machine_s_work_between_machines(bool keep)
    {
        var current = InitialPlan();
        var failure = new MachineFailure("M1", 5, 500);

        var result = Replanner.OnMachineFailure(Problem, current, failure, ReplanPolicy.RestartElsewhere with { KeepAssignments = keep });

        Shop.AssertValid(result.Problem, result.Plan);
        Assert.Empty(result.Problem.Pinned);
        var reassigned = result.Moves.Where(m => m.Before is not null && m.MachineChanged).ToList();
        if (keep)
        {
            Assert.All(reassigned, m => Assert.Equal("M1", m.Before!.MachineId));
        }
        else
        {
            Assert.NotEmpty(reassigned);
        }
    }

    [Fact]
    public void Slack_keeps_a_worker_whose_operation_finishes_a_little_later_with_them()
    {
        // alice welds J0 on M1, then J1 on M3. M1 fails: J0 moves to M2 and keeps alice, so without slack J1 goes to
        // bob (free at once); with slack J1 waits 2 for alice. J3 sets the makespan, no due date is at risk: no worse.
        var problem = new SchedulingProblem(
            [new Machine("M1"), new Machine("M2"), new Machine("M3"), new Machine("M4")],
            [
                new Job("J0", [Shop.SkilledOp("J0.0", "weld", 1, ("M1", 2), ("M2", 2))], Due: 100),
                new Job("J1", [Shop.SkilledOp("J1.0", "weld", 1, ("M3", 4))], Due: 100),
                new Job("J2", [Shop.Op("J2.0", ("M2", 3))]),
                new Job("J3", [Shop.Op("J3.0", ("M4", 10))]),
            ],
            [new ShiftWorker("alice", [new WorkerSkill("weld", 1)]), new ShiftWorker("bob", [new WorkerSkill("weld", 1)])],
            [],
            []);
        var current = new SchedulePlan(
        [
            new ScheduledOperation("J0.0", "J0", "M1", "alice", 0, 2),
            new ScheduledOperation("J1.0", "J1", "M3", "alice", 2, 6),
            new ScheduledOperation("J2.0", "J2", "M2", null, 0, 3),
            new ScheduledOperation("J3.0", "J3", "M4", null, 0, 10),
        ]);
        var failure = new MachineFailure("M1", 0, 50);

        var plain = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere);
        var sticky = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere with { Slack = 5 });

        Shop.AssertValid(plain.Problem, plain.Plan);
        Shop.AssertValid(sticky.Problem, sticky.Plan);
        Assert.Equal("bob", plain.Plan!.ByOperation()["J1.0"].WorkerId);
        Assert.Equal("alice", sticky.Plan!.ByOperation()["J1.0"].WorkerId);
        Assert.Equal(0, sticky.Moves.Count(m => m.Before is not null && m.WorkerChanged));
        Assert.Equal(plain.Result.Objective!.WeightedTardiness, sticky.Result.Objective!.WeightedTardiness);
        Assert.Equal(plain.Result.Objective.Makespan, sticky.Result.Objective.Makespan);
    }

    [Fact]
    public void A_short_repair_keeps_the_interrupted_operation_waiting_for_its_machine_and_worker()
    {
        var current = InitialPlan();
        var running = current.Operations.First(s => s.MachineId == "M1" && s.WorkerId is not null);
        var at = running.Start + 1;
        var failure = new MachineFailure("M1", at, at + 3);

        var result = Replanner.OnMachineFailure(Problem, current, failure, new ReplanPolicy(WaitThreshold: 5));

        Shop.AssertValid(result.Problem, result.Plan);
        var restarted = result.Plan!.ByOperation()[running.OperationId];
        Assert.Equal(("M1", running.WorkerId), (restarted.MachineId, restarted.WorkerId));
        Assert.True(restarted.Start >= failure.ExpectedRepairAt);
    }

    [Fact]
    public async Task Cp_sat_improves_on_the_applied_plan_from_the_replan_problem_and_beats_right_shift()
    {
        var current = InitialPlan();
        var failure = new MachineFailure("M1", 5, 200);

        var replan = Replanner.OnMachineFailure(Problem, current, failure, ReplanPolicy.RestartElsewhere);
        var improved = await new CpSatSolver().SolveAsync(replan.Problem, new SolveOptions(TimeSpan.FromSeconds(3), Hint: replan.Plan));
        var shifted = RightShiftRepair.Repair(Problem, current, failure);

        Shop.AssertValid(replan.Problem, improved.Plan);
        Shop.AssertValid(shifted.Problem, shifted.Plan);
        Assert.False(replan.Result.Objective!.IsBetterThan(improved.Objective!, Problem.Objective));
        Assert.True(improved.Objective!.IsBetterThan(shifted.Result.Objective!, Problem.Objective));
    }

    [Fact]
    public void Right_shift_keeps_every_machine_sequence_and_pushes_work_past_the_repair()
    {
        var current = InitialPlan();
        var failure = new MachineFailure("M1", 5, 60);

        var shifted = RightShiftRepair.Repair(Problem, current, failure);

        Shop.AssertValid(shifted.Problem, shifted.Plan);
        foreach (var machine in Problem.Machines)
        {
            var before = current.Operations.Where(s => s.MachineId == machine.Id).OrderBy(s => s.Start).Select(s => s.OperationId);
            var after = shifted.Plan!.Operations.Where(s => s.MachineId == machine.Id).OrderBy(s => s.Start).Select(s => s.OperationId);
            Assert.Equal(before, after);
        }

        Assert.All(shifted.Plan!.Operations.Where(s => s.MachineId == "M1" && s.End > 5), s => Assert.True(s.Start >= 60));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_new_work_order_is_planned_after_now_without_touching_started_work(bool keepAssignments)
    {
        var current = InitialPlan();
        var now = 6;
        var changed = Problem with { Jobs = [.. Problem.Jobs, new Job("rush", [Shop.Op("rush.0", ("M2", 2))], Due: 10, Weight: 9)] };

        var result = Replanner.Replan(changed, current, now, keepAssignments);

        if (keepAssignments)
        {
            Assert.All(result.Moves.Where(m => m.Before is not null), m => Assert.False(m.MachineChanged));
        }

        Shop.AssertValid(result.Problem, result.Plan);
        var after = result.Plan!.ByOperation();
        Assert.True(after["rush.0"].Start >= now);
        Assert.Contains(result.Moves, m => m.OperationId == "rush.0" && m.Before is null);
        foreach (var s in current.Operations.Where(s => s.Start < now))
        {
            Assert.Equal(s, after[s.OperationId]);
        }
    }

    [Fact]
    public void A_failure_without_a_later_repair_is_refused()
    {
        var current = InitialPlan();

        Assert.Throws<ArgumentException>(() => Replanner.OnMachineFailure(Problem, current, new MachineFailure("M1", 10, 10), new ReplanPolicy()));
        Assert.Throws<ArgumentException>(() => Replanner.OnMachineFailure(Problem, current, new MachineFailure("nope", 10, 20), new ReplanPolicy()));
    }
}
