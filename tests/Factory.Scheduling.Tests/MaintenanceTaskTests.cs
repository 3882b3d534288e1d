using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;
using Xunit;

namespace Factory.Scheduling.Tests;

public sealed class MaintenanceTaskTests
{
    public static TheoryData<string> Solvers => new() { "greedy", "insertion", "constructive", "cpsat" };

    private static async Task<SolveResult> Solve(string solver, SchedulingProblem problem) => solver switch
    {
        "greedy" => await new GreedyDispatcher().SolveAsync(problem, SolveOptions.Default),
        "insertion" => await new InsertionScheduler().SolveAsync(problem, SolveOptions.Default),
        "constructive" => await new ConstructivePlanner().SolveAsync(problem, SolveOptions.Default),
        _ => await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(10))),
    };

    private static SchedulingProblem TwoMachines(IReadOnlyList<Job> jobs, IReadOnlyList<ShiftWorker> workers, params MaintenanceTask[] tasks) =>
        new SchedulingProblem([new Machine("A"), new Machine("B")], jobs, workers, [], []) { MaintenanceTasks = tasks };

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_task_lies_inside_its_window_and_nothing_overlaps_it(string solver)
    {
        var problem = TwoMachines(
            [new Job("J1", [Shop.Op("a1", ("A", 10)), Shop.Op("a2", ("B", 10))]),
             new Job("J2", [Shop.Op("b1", ("A", 10))], Due: 100)],
            [],
            new MaintenanceTask("pm", "A", 8, new TimeWindow(5, 40)));

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        var placed = Assert.Single(result.Plan!.Maintenance);
        Assert.Equal("A", placed.MachineId);
        Assert.InRange(placed.Start, 5, 32);
        Assert.Equal(placed.Start + 8, placed.End);
        Assert.All(result.Plan.Operations.Where(o => o.MachineId == "A"), o => Assert.True(o.End <= placed.Start || placed.End <= o.Start, $"{o.OperationId} overlaps the maintenance"));
        Assert.Empty(result.Plan.UnplannedMaintenance);
    }

    [Fact]
    public async Task The_dispatcher_places_a_task_at_the_start_of_its_window_when_the_machine_is_free()
    {
        var problem = TwoMachines([new Job("J", [Shop.Op("o", ("A", 10))], Due: 10)], [], new MaintenanceTask("pm", "A", 5, new TimeWindow(0, 30)));

        var result = await Solve("greedy", problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Equal(0, result.Plan!.Maintenance.Single().Start);
    }

    [Fact]
    public async Task CpSat_moves_a_task_later_in_its_window_when_production_is_due_early()
    {
        // At the window's start the maintenance would make the job 5 late; after the job it costs nothing.
        var problem = TwoMachines([new Job("J", [Shop.Op("o", ("A", 10))], Due: 10)], [], new MaintenanceTask("pm", "A", 5, new TimeWindow(0, 30)));

        var result = await Solve("cpsat", problem);

        Shop.AssertValid(problem, result.Plan);
        var placed = result.Plan!.Maintenance.Single();
        Assert.True(placed.Start >= 10, $"maintenance at {placed.Start} delays the job");
        Assert.Equal(0, result.Objective!.WeightedTardiness);
        Assert.Equal(10, result.Plan.Operations.Single().End);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_qualified_worker_on_shift_is_booked_and_held(string solver)
    {
        var problem = TwoMachines(
            [new Job("J", [Shop.SkilledOp("w", "electrician", 1, ("B", 10))])],
            [
                new ShiftWorker("fitter", [new WorkerSkill("mechanic", 3)]),
                new ShiftWorker("sparky", [new WorkerSkill("electrician", 2)], [new TimeWindow(0, 100)]),
            ],
            new MaintenanceTask("pm", "A", 10, new TimeWindow(0, 50), "electrician", 1));

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        var placed = result.Plan!.Maintenance.Single();
        Assert.Equal("sparky", placed.WorkerId);
        var op = result.Plan.Operations.Single();
        Assert.True(op.End <= placed.Start || placed.End <= op.Start, "the electrician is booked twice at once");
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_window_too_short_leaves_the_task_unplanned_with_a_reason_and_production_planned(string solver)
    {
        var problem = TwoMachines([new Job("J", [Shop.Op("o", ("A", 10))])], [], new MaintenanceTask("pm", "A", 20, new TimeWindow(0, 10)));

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        Assert.Empty(result.Plan!.Maintenance);
        var unplanned = Assert.Single(result.Plan.UnplannedMaintenance);
        Assert.Equal("pm", unplanned.TaskId);
        Assert.Contains("duration", unplanned.Reason, StringComparison.Ordinal);
        Assert.Single(result.Plan.Operations);
    }

    [Theory]
    [MemberData(nameof(Solvers))]
    public async Task A_task_without_a_qualified_worker_or_a_free_machine_is_unplanned(string solver)
    {
        var problem = new SchedulingProblem([new Machine("A", [new TimeWindow(0, 100)])], [new Job("J", [Shop.Op("o", ("A", 10))])], [], [], [])
        {
            MaintenanceTasks = [new MaintenanceTask("busy", "A", 5, new TimeWindow(0, 50)), new MaintenanceTask("nobody", "A", 5, new TimeWindow(100, 150), "electrician")],
        };

        var result = await Solve(solver, problem);

        Shop.AssertValid(problem, result.Plan);
        var reasons = result.Plan!.UnplannedMaintenance.ToDictionary(u => u.TaskId, u => u.Reason);
        Assert.Contains("not free", reasons["busy"], StringComparison.Ordinal);
        Assert.Contains("no worker holds skill 'electrician'", reasons["nobody"], StringComparison.Ordinal);
        Assert.True(result.Plan.Operations.Single().Start >= 100);
    }

    [Fact]
    public async Task A_repair_holds_started_maintenance_and_places_the_rest_again_outside_the_failure()
    {
        var problem = TwoMachines(
            [new Job("J", [Shop.Op("a", ("A", 10)), Shop.Op("b", ("B", 10)), Shop.Op("c", ("A", 10))])],
            [],
            new MaintenanceTask("started", "A", 5, new TimeWindow(0, 60)),
            new MaintenanceTask("later", "B", 5, new TimeWindow(20, 60)));
        var current = (await Solve("greedy", problem)).Plan!;
        Assert.True(current.Maintenance.Single(m => m.TaskId == "started").Start < 12);

        var repaired = RightShiftRepair.Repair(problem, current, new MachineFailure("B", 12, 30));

        Shop.AssertValid(repaired.Problem, repaired.Result.Plan);
        Assert.Equal(["later"], repaired.Problem.MaintenanceTasks.Select(t => t.Id));
        var started = current.Maintenance.Single(m => m.TaskId == "started");
        Assert.Contains(repaired.Problem.Machines.Single(m => m.Id == "A").Unavailable, w => w.Contains(started.Start, started.End));
        var later = repaired.Result.Plan!.Maintenance.Single();
        Assert.InRange(later.Start, 30, 55);
    }

    [Fact]
    public void The_checker_rejects_a_task_outside_its_window_over_production_or_left_out()
    {
        var problem = TwoMachines([new Job("J", [Shop.Op("o", ("A", 10))])], [], new MaintenanceTask("pm", "A", 5, new TimeWindow(20, 40)), new MaintenanceTask("pm2", "B", 5, new TimeWindow(0, 40)));
        var operations = new List<ScheduledOperation> { new("o", "J", "A", null, 0, 10) };

        var outside = PlanChecker.Check(problem, new SchedulePlan(operations) { Maintenance = [new("pm", "A", null, 5, 10)] });
        var overlapping = PlanChecker.Check(problem, new SchedulePlan([new("o", "J", "A", null, 20, 30)]) { Maintenance = [new("pm", "A", null, 22, 27)] });

        Assert.Contains(outside, v => v.Kind == ViolationKind.MaintenanceOutsideWindow && v.OperationId == "pm");
        Assert.Contains(outside, v => v.Kind == ViolationKind.MachineOverlap);
        Assert.Contains(outside, v => v.Kind == ViolationKind.Missing && v.OperationId == "pm2");
        Assert.Contains(overlapping, v => v.Kind == ViolationKind.MachineOverlap);
        Assert.DoesNotContain(overlapping, v => v.Kind == ViolationKind.MaintenanceOutsideWindow);
    }
}
