using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class PlanRepairTests
{
    private static ScheduledOperation At(string op, string job, string machine, string? worker, long start, long end) => new(op, job, machine, worker, start, end);

    // j1 welds on M1 (or M2); j2 welds on M2, then is inspected on M3; j3 welds on M3.
    private static SchedulingProblem Welds(ShiftWorker? ann = null) => new(
        [new Machine("M1"), new Machine("M2"), new Machine("M3")],
        [
            new Job("J1", [Shop.SkilledOp("j1", "weld", 1, ("M1", 10), ("M2", 10))]),
            new Job("J2", [Shop.SkilledOp("j2a", "weld", 1, ("M2", 10)), Shop.Op("j2b", ("M3", 5))]),
            new Job("J3", [Shop.SkilledOp("j3", "weld", 1, ("M3", 10))]),
        ],
        [ann ?? new ShiftWorker("ann", [new WorkerSkill("weld")]), new ShiftWorker("bob", [new WorkerSkill("weld")])],
        [], []);

    private static SchedulePlan WeldsPlan() => new(
    [
        At("j1", "J1", "M1", "ann", 0, 10),
        At("j2a", "J2", "M2", "bob", 0, 10),
        At("j2b", "J2", "M3", null, 10, 15),
        At("j3", "J3", "M3", "ann", 15, 25),
    ]);

    [Fact]
    public void Work_handed_on_goes_to_the_pair_that_finishes_it_first_past_machines_busy_longer_and_people_on_later_shifts()
    {
        // Staying on M1 ends at 110; M2 is busy until 50; M3 is free. Ann is on shift now, Bob only from 300.
        var problem = new SchedulingProblem(
            [new Machine("M1", [new TimeWindow(0, 100)]), new Machine("M2", [new TimeWindow(0, 50)]), new Machine("M3")],
            [new Job("J", [Shop.SkilledOp("op", "weld", 1, ("M1", 10), ("M2", 10), ("M3", 10))])],
            [new ShiftWorker("ann", [new WorkerSkill("weld")], [new TimeWindow(0, 400)]), new ShiftWorker("bob", [new WorkerSkill("weld")], [new TimeWindow(300, 400)])],
            [], []);

        var repaired = PlanRepair.Repair(problem, new SchedulePlan([At("op", "J", "M1", "ann", 0, 10)]), null, slack: 5);

        Assert.Equal(At("op", "J", "M3", "ann", 0, 10), repaired.Plan!.Operations.Single());
    }

    [Fact]
    public void Work_leaving_a_failed_machine_keeps_its_worker_when_another_would_do_it_as_soon()
    {
        var problem = Shop.OneWeldTwoWelders();
        var current = new SchedulePlan([At("op", "J", "M1", "bob", 0, 10)]);
        var (next, _) = Replanner.PrepareFailure(problem, current, new MachineFailure("M1", 0, 100), ReplanPolicy.RestartElsewhere);

        var repaired = PlanRepair.Repair(next, current, "M1");

        Assert.Equal(At("op", "J", "M2", "bob", 0, 10), repaired.Plan!.Operations.Single());
    }

    [Fact]
    public void A_failure_moves_only_the_failed_machines_work_and_everyone_else_stays()
    {
        var current = WeldsPlan();
        var (next, _) = Replanner.PrepareFailure(Welds(), current, new MachineFailure("M1", 0, 100), ReplanPolicy.RestartElsewhere);

        var repaired = PlanRepair.Repair(next, current, "M1");

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal("M2", after["j1"].MachineId);
        Assert.Equal(10, after["j1"].Start); // after j2a, which keeps M2 and bob
        Assert.Equal(current.ByOperation()["j2a"], after["j2a"]);
        Assert.Equal(current.ByOperation()["j2b"], after["j2b"]);
        // ann no longer welds j1 first, so her weld on M3 comes forward into the time that freed.
        Assert.Equal(At("j3", "J3", "M3", "ann", 0, 10), after["j3"]);
    }

    [Fact]
    public void The_failed_machines_work_keeps_its_turn_elsewhere_and_the_rest_of_its_order_keeps_its_people()
    {
        // M1 fails at 0: the weld planned there goes to M2 after bob's weld (which stays first: it was planned for the same
        // moment and bob is at M2), still with ann, and its inspection keeps M3 and erin, only later.
        var problem = new SchedulingProblem(
            [new Machine("M1"), new Machine("M2"), new Machine("M3")],
            [
                new Job("J1", [Shop.SkilledOp("a", "weld", 1, ("M1", 10), ("M2", 10)), Shop.SkilledOp("b", "inspect", 1, ("M3", 5))]),
                new Job("J2", [Shop.SkilledOp("c", "weld", 1, ("M2", 10))]),
            ],
            [
                new ShiftWorker("ann", [new WorkerSkill("weld")]), new ShiftWorker("bob", [new WorkerSkill("weld")]),
                new ShiftWorker("dave", [new WorkerSkill("inspect")]), new ShiftWorker("erin", [new WorkerSkill("inspect")]),
            ],
            [], []);
        var current = new SchedulePlan([At("a", "J1", "M1", "ann", 0, 10), At("c", "J2", "M2", "bob", 0, 10), At("b", "J1", "M3", "erin", 10, 15)]);
        var (next, _) = Replanner.PrepareFailure(problem, current, new MachineFailure("M1", 0, 100), ReplanPolicy.RestartElsewhere);

        var repaired = PlanRepair.Repair(next, current, "M1");

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal(current.ByOperation()["c"], after["c"]);
        Assert.Equal(At("a", "J1", "M2", "ann", 10, 20), after["a"]);
        Assert.Equal(At("b", "J1", "M3", "erin", 20, 25), after["b"]);
    }

    [Fact]
    public void Work_after_a_job_that_ended_early_moves_left_with_the_same_people()
    {
        // j2a finished at 4 instead of 10: its inspection and the weld behind it on M3 come forward; nobody changes.
        var current = WeldsPlan();
        var next = Welds() with { Frozen = [new FrozenOperation("j1", "M1", "ann", 0, 10), new FrozenOperation("j2a", "M2", "bob", 0, 4)], PlanStart = 4 };

        var repaired = PlanRepair.Repair(next, current, null);

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal(At("j2b", "J2", "M3", null, 4, 9), after["j2b"]);
        Assert.Equal(At("j3", "J3", "M3", "ann", 10, 20), after["j3"]); // ann welds j1 until 10
    }

    [Fact]
    public void Work_that_runs_late_pushes_what_follows_it_on_its_machine_and_its_worker()
    {
        // j1 on M1 runs until 18 instead of 10: ann's weld on M3 waits for her; j2's inspection keeps its time.
        var current = WeldsPlan();
        var next = Welds() with { Frozen = [new FrozenOperation("j1", "M1", "ann", 0, 18), new FrozenOperation("j2a", "M2", "bob", 0, 10)], PlanStart = 12 };

        var repaired = PlanRepair.Repair(next, current, null);

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal(At("j2b", "J2", "M3", null, 12, 17), after["j2b"]);
        Assert.Equal(At("j3", "J3", "M3", "ann", 18, 28), after["j3"]);
    }

    [Fact]
    public void Work_its_worker_can_no_longer_do_in_time_goes_to_someone_who_can()
    {
        // ann's certification ends at 26: j3 pushed to 18-28 by the late weld no longer fits her, so bob takes it.
        var ann = new ShiftWorker("ann", [new WorkerSkill("weld", 1, ValidUntil: 26)]);
        var current = WeldsPlan();
        var next = Welds(ann) with { Frozen = [new FrozenOperation("j1", "M1", "ann", 0, 18), new FrozenOperation("j2a", "M2", "bob", 0, 10)], PlanStart = 12 };

        var repaired = PlanRepair.Repair(next, current, null);

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal("bob", after["j3"].WorkerId);
        Assert.Equal(At("j2b", "J2", "M3", null, 12, 17), after["j2b"]);
    }

    [Fact]
    public void A_managers_pin_takes_its_place_in_the_plan_at_its_time_and_the_rest_of_its_order_follows_it()
    {
        // The manager moved j2a to start on M2 with bob not before 30; the dispatcher leaves a moved operation out of the
        // plan it repairs. j2a runs at its pin, its inspection keeps M3 after it, and ann's weld comes forward into M3's gap.
        var current = new SchedulePlan([.. WeldsPlan().Operations.Where(s => s.OperationId != "j2a")]);
        var next = Welds() with { Pinned = [new PinnedOperation("j2a", "M2", "bob", 30)] };

        var repaired = PlanRepair.Repair(next, current, null);

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal(At("j2a", "J2", "M2", "bob", 30, 40), after["j2a"]);
        Assert.Equal(At("j2b", "J2", "M3", null, 40, 45), after["j2b"]);
        Assert.Equal(At("j1", "J1", "M1", "ann", 0, 10), after["j1"]);
        Assert.Equal(At("j3", "J3", "M3", "ann", 10, 20), after["j3"]);
    }

    [Fact]
    public void A_pin_that_names_no_worker_goes_to_whoever_qualified_starts_it_first()
    {
        // j1 pinned to M2 from now with nobody named: ann and bob are both free; j1 runs first on M2 and bob's weld follows.
        var current = new SchedulePlan([.. WeldsPlan().Operations.Where(s => s.OperationId != "j1")]);
        var next = Welds() with { Pinned = [new PinnedOperation("j1", "M2")] };

        var repaired = PlanRepair.Repair(next, current, null);

        Shop.AssertValid(next, repaired.Plan);
        var after = repaired.Plan!.ByOperation();
        Assert.Equal(("M2", 0L), (after["j1"].MachineId, after["j1"].Start));
        Assert.NotNull(after["j1"].WorkerId);
        Assert.Equal(("M2", "bob", 10L), (after["j2a"].MachineId, after["j2a"].WorkerId, after["j2a"].Start));
        Assert.Equal("ann", after["j3"].WorkerId);
    }

    [Fact]
    public void With_a_slack_kept_work_hands_over_only_when_staying_costs_more_than_the_slack()
    {
        // j1 on M1 runs until 18 instead of 10, so ann can weld j3 on M3 only from 18; bob from 17, after j2's inspection
        // there (12-17): staying with ann finishes it 1 later.
        var current = WeldsPlan();
        var next = Welds() with { Frozen = [new FrozenOperation("j1", "M1", "ann", 0, 18), new FrozenOperation("j2a", "M2", "bob", 0, 10)], PlanStart = 12 };

        var stays = PlanRepair.Repair(next, current, null, slack: 1).Plan!.ByOperation()["j3"];
        var handedOver = PlanRepair.Repair(next, current, null, slack: 0).Plan!.ByOperation()["j3"];

        Assert.Equal(At("j3", "J3", "M3", "ann", 18, 28), stays);
        Assert.Equal(At("j3", "J3", "M3", "bob", 17, 27), handedOver);
    }

    [Fact]
    public void The_replanner_holds_the_repaired_plan_unless_a_re_dispatch_beats_it_by_the_margin()
    {
        // The plan in force gives ann both welds, one after the other, while bob stands idle: keeping it costs 80 of makespan.
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B")],
            [new Job("J1", [Shop.SkilledOp("j1", "weld", 1, ("A", 100))]), new Job("J2", [Shop.SkilledOp("j2", "weld", 1, ("B", 80))])],
            [new ShiftWorker("ann", [new WorkerSkill("weld")]), new ShiftWorker("bob", [new WorkerSkill("weld")])], [], []);
        var current = new SchedulePlan([At("j1", "J1", "A", "ann", 0, 100), At("j2", "J2", "B", "ann", 100, 180)]);

        var held = Replanner.Replan(problem, current, 0, keepAssignments: true, holdMargin: 200);
        var moved = Replanner.Replan(problem, current, 0, keepAssignments: true, holdMargin: 50);

        Shop.AssertValid(held.Problem, held.Plan);
        Shop.AssertValid(moved.Problem, moved.Plan);
        Assert.Equal(current.ByOperation()["j2"], held.Plan!.ByOperation()["j2"]);
        Assert.Empty(held.Moves);
        Assert.Equal(0, moved.Plan!.ByOperation()["j2"].Start);
        Assert.Equal(100, moved.Plan.Makespan);
    }

    [Fact]
    public void When_keeping_everybody_is_beaten_by_the_margin_the_repair_that_hands_work_on_comes_before_a_re_dispatch()
    {
        // ann holds both long welds while bob, after a short one, stands idle: keeping everybody costs 70 of makespan. Handing
        // j2 to bob after his weld is as good as anything a re-dispatch finds (110), so that repair is the answer.
        var problem = new SchedulingProblem(
            [new Machine("A"), new Machine("B"), new Machine("C")],
            [
                new Job("J1", [Shop.SkilledOp("j1", "weld", 1, ("A", 100))]), new Job("J2", [Shop.SkilledOp("j2", "weld", 1, ("B", 80))]),
                new Job("J3", [Shop.SkilledOp("j3", "weld", 1, ("C", 30))]),
            ],
            [new ShiftWorker("ann", [new WorkerSkill("weld")]), new ShiftWorker("bob", [new WorkerSkill("weld")])], [], []);
        var current = new SchedulePlan([At("j1", "J1", "A", "ann", 0, 100), At("j3", "J3", "C", "bob", 0, 30), At("j2", "J2", "B", "ann", 100, 180)]);

        var result = Replanner.Replan(problem, current, 0, keepAssignments: true, holdMargin: 50);

        Shop.AssertValid(result.Problem, result.Plan);
        Assert.Equal("plan repair", result.Result.Message);
        var after = result.Plan!.ByOperation();
        Assert.Equal(At("j2", "J2", "B", "bob", 30, 110), after["j2"]);
        Assert.Equal(current.ByOperation()["j1"], after["j1"]);
        Assert.Equal(current.ByOperation()["j3"], after["j3"]);
    }

    [Property(MaxTest = 100)]
    public void Holding_the_plan_is_valid_keeps_started_work_and_is_never_beaten_by_the_margin(int seed, byte machinePick, byte when, byte margin)
    {
        var (problem, current, failure) = RandomShop.WithFailure(seed, machinePick, when);
        var at = failure.At;

        var dispatched = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere);
        var held = Replanner.OnMachineFailure(problem, current, failure, ReplanPolicy.RestartElsewhere with { HoldMargin = margin % 40 });

        Shop.AssertValid(held.Problem, held.Plan);
        Assert.False(ObjectiveValues.Of(dispatched.Problem, dispatched.Plan!).ImprovesOnBy(ObjectiveValues.Of(held.Problem, held.Plan!), problem.Objective, margin % 40));
        var after = held.Plan!.ByOperation();
        foreach (var s in current.Operations.Where(s => s.Start < at && !held.Interrupted.Contains(s.OperationId)))
        {
            Assert.Equal(s, after[s.OperationId]);
        }
    }
}
