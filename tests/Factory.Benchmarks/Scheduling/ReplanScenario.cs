using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// The re-plan load case: 100 machines, 100 work orders of 10 operations (1,000 open operations), each on 1–3
/// machines, half of them needing one of 5 skills held by 50 workers on alternating 8-hour shifts; times in minutes.
/// The current plan is the dispatcher's; the machine with the most queued work fails at a quarter of the makespan for 4 hours.
/// </summary>
public sealed class ReplanScenario
{
    /// <summary>A scenario of any shape: the problem, the plan in force and the failure (see <see cref="PlantReplanScenario"/>).</summary>
    internal ReplanScenario(SchedulingProblem problem, SchedulePlan plan, MachineFailure failure)
    {
        Problem = problem;
        Plan = plan;
        Failure = failure;
    }

    public SchedulingProblem Problem { get; }

    public SchedulePlan Plan { get; }

    public MachineFailure Failure { get; }

    public static ReplanScenario Create(int seed, int machines = 100, int jobs = 100, int opsPerJob = 10, int workers = 50)
    {
        var random = new Random(seed);
        string[] skills = ["weld", "paint", "assemble", "inspect", "machine"];
        var machineList = Enumerable.Range(0, machines).Select(m => new Machine($"M{m:000}")).ToList();
        var workerList = Enumerable.Range(0, workers).Select(w =>
        {
            var held = skills.OrderBy(_ => random.Next()).Take(2).Select(s => new WorkerSkill(s, random.Next(1, 4))).ToList();
            var offset = (w % 2) * 480;
            var shifts = Enumerable.Range(0, 20).Select(d => new TimeWindow(offset + (d * 960), offset + (d * 960) + 480)).ToList();
            return new ShiftWorker($"W{w:00}", held, shifts);
        }).ToList();

        var jobList = new List<Job>();
        for (var j = 0; j < jobs; j++)
        {
            var ops = new List<JobOperation>();
            for (var k = 0; k < opsPerJob; k++)
            {
                var alternatives = Enumerable.Range(0, machines).OrderBy(_ => random.Next()).Take(random.Next(1, 4))
                    .Select(m => new OperationAlternative($"M{m:000}", random.Next(10, 101)))
                    .ToList();
                var skill = random.Next(2) == 0 ? skills[random.Next(skills.Length)] : null;
                ops.Add(new JobOperation($"WO{j:000}.{k}", alternatives, skill, skill is null ? 0 : random.Next(0, 2)));
            }

            jobList.Add(new Job($"WO{j:000}", ops, Release: random.Next(0, 120), Due: random.Next(900, 2000), Weight: random.Next(1, 4)));
        }

        var problem = new SchedulingProblem(machineList, jobList, workerList, [], [], ObjectiveKind.WeightedTardinessThenMakespan);
        var plan = new GreedyDispatcher().Solve(problem).Plan
            ?? throw new InvalidOperationException("the scenario has no plan");
        var at = plan.Makespan / 4;
        var busiest = plan.Operations.Where(s => s.Start >= at).GroupBy(s => s.MachineId).OrderByDescending(g => g.Count()).First().Key;
        return new ReplanScenario(problem, plan, new MachineFailure(busiest, at, at + 240));
    }
}
