using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Tests;

/// <summary>Random flexible job shops with windows, workers, skills, shifts and certifications, from a seed.</summary>
internal static class RandomShop
{
    private static readonly string[] SkillNames = ["weld", "paint", "assemble"];

    /// <summary>A random shop, the dispatcher's plan for it, and a failure of 20 on the picked machine at a time within the plan.</summary>
    public static (SchedulingProblem Problem, SchedulePlan Current, MachineFailure Failure) WithFailure(int seed, byte machinePick, byte when)
    {
        var problem = Create(seed);
        var current = new GreedyDispatcher().Solve(problem).Plan!;
        var at = current.Makespan == 0 ? 0 : when % current.Makespan;
        return (problem, current, new MachineFailure(problem.Machines[machinePick % problem.Machines.Count].Id, at, at + 20));
    }

    public static SchedulingProblem Create(int seed, int maxJobs = 6, int maxOps = 4, int maxMachines = 5)
    {
        var random = new Random(seed);
        var machineCount = random.Next(1, maxMachines + 1);
        var machines = Enumerable.Range(0, machineCount).Select(m =>
        {
            var windows = Enumerable.Range(0, random.Next(0, 3))
                .Select(_ =>
                {
                    var from = random.Next(0, 60);
                    return new TimeWindow(from, from + random.Next(1, 15));
                })
                .ToList();
            return new Machine($"M{m}", windows);
        }).ToList();

        var withWorkers = random.Next(2) == 0;
        var workers = new List<ShiftWorker>();
        if (withWorkers)
        {
            // One worker holds every skill at the top level without expiry, with a late shift that never ends,
            // so every instance is feasible; the others make the choice interesting.
            workers.Add(new ShiftWorker("anchor", SkillNames.Select(s => new WorkerSkill(s, 3)).ToList(), [new TimeWindow(0, 40), new TimeWindow(55, 1_000_000)]));
            for (var w = random.Next(0, 4); w > 0; w--)
            {
                var skills = SkillNames.Where(_ => random.Next(2) == 0)
                    .Select(s => new WorkerSkill(s, random.Next(1, 4), random.Next(3) == 0 ? random.Next(10, 100) : null))
                    .ToList();
                IReadOnlyList<TimeWindow>? shifts = random.Next(2) == 0
                    ? null
                    : [new TimeWindow(random.Next(0, 10), random.Next(30, 60)), new TimeWindow(random.Next(70, 90), random.Next(120, 400))];
                workers.Add(new ShiftWorker($"W{w}", skills, shifts));
            }
        }

        var jobs = new List<Job>();
        for (var j = random.Next(1, maxJobs + 1) - 1; j >= 0; j--)
        {
            var ops = new List<JobOperation>();
            for (var k = random.Next(1, maxOps + 1) - 1; k >= 0; k--)
            {
                var alternatives = Enumerable.Range(0, machineCount).OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, machineCount) + 1))
                    .Select(m => new OperationAlternative($"M{m}", random.Next(1, 11)))
                    .ToList();
                var skill = withWorkers && random.Next(2) == 0 ? SkillNames[random.Next(SkillNames.Length)] : null;
                ops.Add(new JobOperation($"J{j}.{ops.Count}", alternatives, skill, skill is null ? 0 : random.Next(0, 4)));
            }

            long? due = random.Next(2) == 0 ? random.Next(10, 80) : null;
            jobs.Add(new Job($"J{j}", ops, random.Next(0, 20), due, random.Next(1, 4)));
        }

        var objective = random.Next(2) == 0 ? ObjectiveKind.Makespan : ObjectiveKind.WeightedTardinessThenMakespan;
        return new SchedulingProblem(machines, jobs, workers, [], [], objective);
    }
}
