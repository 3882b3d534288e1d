using Factory.Scheduling.Model;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// The re-plan of the generated plant the scale run starts (<see cref="Factory.Benchmarks.Execution.GeneratedPlant"/>), as the
/// dispatcher sees it: machines with one of five capabilities (a fifth of the plant can do each operation, in its standard
/// duration from the capability's cycle time, as the plant file gives it),
/// a fifth as many workers, each qualified for one capability, on one shift, and orders of four operations (cut, form or
/// weld, finish, pack) of 20–60 parts due in 2–9 hours; times in seconds. The plan in force is the dispatcher's; ten
/// minutes in, the machine with the most queued work fails for the host's expected repair time (one hour).
/// </summary>
public static class PlantReplanScenario
{
    private static readonly string[] Capabilities = ["cut", "form", "weld", "finish", "pack"];

    /// <summary>A plant of <paramref name="machines"/> machines and <paramref name="operations"/> operations (orders of four).</summary>
    public static ReplanScenario Create(int seed, int machines, int operations)
    {
        var random = new Random(seed);
        var machineList = Enumerable.Range(0, machines).Select(m => new Machine($"M{m + 1:0000}")).ToList();
        var cycle = Enumerable.Range(0, machines).Select(m => 2 + (m % 4)).ToArray();
        // As the host plans it: an operation takes its standard duration on every machine that can do it (the plant file
        // gives one per operation, from the capability's cycle time), so no machine is quicker than another.
        var standardCycle = Capabilities.ToDictionary(c => c, c => (double)cycle[Enumerable.Range(0, machines).Last(m => Capabilities[m % Capabilities.Length] == c)], StringComparer.Ordinal);
        var byCapability = Capabilities.ToDictionary(c => c, c => Enumerable.Range(0, machines).Where(m => Capabilities[m % Capabilities.Length] == c).ToList(), StringComparer.Ordinal);
        var perCapability = Math.Max(2, Math.Max(10, machines / 5) / Capabilities.Length);
        var shift = new[] { new TimeWindow(0, 86_400) };
        var workers = Capabilities.SelectMany(c => Enumerable.Range(0, perCapability).Select(k => new ShiftWorker($"W-{c}-{k:000}", [new WorkerSkill(c, 3)], shift))).ToList();
        var jobs = new List<Job>();
        for (var o = 0; o < operations / 4; o++)
        {
            var quantity = random.Next(20, 61);
            string[] route = ["cut", random.Next(2) == 0 ? "form" : "weld", "finish", "pack"];
            var ops = route.Select((capability, k) => new JobOperation(
                    $"WO-{o + 1:00000}.{(k + 1) * 10}",
                    [.. byCapability[capability].Select(m => new OperationAlternative(machineList[m].Id, (long)Math.Ceiling(quantity * standardCycle[capability] * 1.1)))],
                    capability, 1))
                .ToList();
            jobs.Add(new Job($"WO-{o + 1:00000}", ops, Release: 0, Due: random.Next(2, 9) * 3_600, Weight: random.Next(1, 4)));
        }

        var problem = new SchedulingProblem(machineList, jobs, workers, [], [], ObjectiveKind.WeightedTardinessThenMakespan);
        // Without the time-bounded search, so the plan in force is the same on any machine.
        var plan = new ConstructivePlanner(ConstructiveOptions.Replan with { SearchWork = 0 }).Solve(problem).Plan
            ?? throw new InvalidOperationException("the plant has no plan");
        const long at = 600;
        var busiest = plan.Operations.Where(s => s.End > at).GroupBy(s => s.MachineId).OrderByDescending(g => g.Count()).First().Key;
        return new ReplanScenario(problem, plan, new MachineFailure(busiest, at, at + 3_600));
    }
}
