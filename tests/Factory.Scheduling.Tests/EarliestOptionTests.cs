using Factory.Scheduling.Model;
using Factory.Scheduling.Solvers;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Scheduling.Tests;

/// <summary>
/// The dispatcher stops searching an operation's machines once the shortest-first list can no longer beat its best option
/// (#20). These check that the stop never costs a better option: against every machine and worker pair tried second by
/// second.
/// </summary>
public sealed class EarliestOptionTests
{
    private const long Horizon = 400;

    [Property(MaxTest = 400)]
    public void An_operation_ends_as_early_as_the_best_machine_and_worker_pair_allows(int seed)
    {
        var random = new Random(seed);
        var machines = Enumerable.Range(0, random.Next(2, 10)).Select(m => new Machine($"M{m}", Windows(random, random.Next(0, 4)))).ToList();
        // Everyone is on shift at the end, so every operation has a place; before that, shifts with gaps.
        var workers = Enumerable.Range(0, random.Next(1, 6))
            .Select(w => new ShiftWorker($"W{w}", [new WorkerSkill("weld", 1)], [.. Windows(random, random.Next(0, 4)), new TimeWindow(200, Horizon)]))
            .ToList();
        var alternatives = machines.Where((_, i) => i == 0 || random.Next(3) > 0).Select(m => (m.Id, (long)random.Next(1, 15))).ToArray();
        var problem = new SchedulingProblem(machines, [new Job("J", [Shop.SkilledOp("op", "weld", 1, alternatives)])], workers, [], [], ObjectiveKind.Makespan);

        var placed = new GreedyDispatcher().Solve(problem).Plan!.Operations.Single();

        var soonest = alternatives.SelectMany(a => workers.Select(w => EarliestEnd(machines.Single(m => m.Id == a.Id), w, a.Item2))).Min();
        Assert.Equal(soonest, placed.End);
        Shop.AssertValid(problem, new Plans.SchedulePlan([placed]));
    }

    [Fact]
    public void A_longer_job_on_a_free_machine_beats_a_shorter_one_on_a_busy_machine()
    {
        var machines = new List<Machine> { new("FAST", [new TimeWindow(0, 50)]), new("SLOW") };
        var problem = new SchedulingProblem(machines, [new Job("J", [Shop.Op("op", ("FAST", 5), ("SLOW", 20))])]);

        var placed = new GreedyDispatcher().Solve(problem).Plan!.Operations.Single();

        Assert.Equal(("SLOW", 0L, 20L), (placed.MachineId, placed.Start, placed.End));
    }

    [Fact]
    public void A_tie_goes_to_the_machine_and_worker_the_plan_in_force_has()
    {
        var problem = Shop.OneWeldTwoWelders(ObjectiveKind.Makespan);
        var inForce = new Plans.SchedulePlan([new Plans.ScheduledOperation("op", "J", "M2", "bob", 0, 10)]);

        var placed = new ConstructivePlanner().Solve(problem, inForce).Plan!.Operations.Single();

        Assert.Equal(("M2", "bob"), (placed.MachineId, placed.WorkerId));
    }

    private static List<TimeWindow> Windows(Random random, int count) =>
        [.. Enumerable.Range(0, count).Select(_ => random.Next(0, 180)).Select(from => new TimeWindow(from, from + random.Next(1, 30)))];

    // Second by second: the first start where the machine is free and the worker on shift for the whole job.
    private static long EarliestEnd(Machine machine, ShiftWorker worker, long duration)
    {
        bool Free(long t) => !machine.Unavailable.Any(u => u.From <= t && t < u.To) && worker.Shifts!.Any(s => s.From <= t && t < s.To);
        for (var start = 0L; start + duration <= Horizon; start++)
        {
            var fits = true;
            for (var t = start; t < start + duration && fits; t++)
            {
                fits = Free(t);
            }

            if (fits)
            {
                return start + duration;
            }
        }

        return long.MaxValue;
    }
}
