using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// The first-fit placement of a problem's maintenance tasks, and the problem production is then planned in: each task,
/// by earliest window, goes to the earliest start in its window where its machine and a qualified worker are both free
/// (of unavailability, off-shift time, frozen work and the tasks placed before it); the chosen slots become machine
/// unavailability and worker off-duty time, so every solver plans production around them unchanged.
/// </summary>
internal sealed class MaintenancePlacement
{
    private MaintenancePlacement(SchedulingProblem problem, List<ScheduledMaintenance> placed, List<UnplannedMaintenance> unplanned)
    {
        Problem = problem;
        Placed = placed;
        Unplanned = unplanned;
    }

    /// <summary>The problem without maintenance tasks, their slots blocked on machines and workers.</summary>
    public SchedulingProblem Problem { get; }

    /// <summary>The tasks placed.</summary>
    public IReadOnlyList<ScheduledMaintenance> Placed { get; }

    /// <summary>The tasks that fit nowhere in their window.</summary>
    public IReadOnlyList<UnplannedMaintenance> Unplanned { get; }

    /// <summary>Places the tasks of <paramref name="problem"/>; throws <see cref="ArgumentException"/> for a malformed task.</summary>
    public static MaintenancePlacement Of(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        if (problem.MaintenanceTasks.Count == 0)
        {
            return new MaintenancePlacement(problem, [], []);
        }

        Validate(problem);
        var facts = problem.Frozen;
        var machines = problem.Machines.ToDictionary(
            m => m.Id,
            m => new Timeline(m.Unavailable.Concat(facts.Where(f => f.MachineId == m.Id).Select(f => new TimeWindow(f.Start, f.End)))),
            StringComparer.Ordinal);
        var workers = problem.Workers.Select(w => Timeline.OffShift(w.Shifts, facts.Where(f => f.WorkerId == w.Id).Select(f => new TimeWindow(f.Start, f.End)))).ToArray();
        var placed = new List<ScheduledMaintenance>();
        var unplanned = new List<UnplannedMaintenance>();
        foreach (var task in problem.MaintenanceTasks.OrderBy(t => t.Due.From).ThenBy(t => t.Id, StringComparer.Ordinal))
        {
            var from = Math.Max(task.Due.From, problem.PlanStart);
            var latest = task.Due.To - task.Duration;
            if (latest < from)
            {
                unplanned.Add(new(task.Id, $"its window {task.Due} leaves less than its duration {task.Duration} after the plan start {problem.PlanStart}"));
                continue;
            }

            var machine = machines[task.MachineId];
            if (!task.NeedsWorker)
            {
                var start = machine.EarliestFit(from, task.Duration);
                if (start > latest)
                {
                    unplanned.Add(new(task.Id, $"machine '{task.MachineId}' is not free for {task.Duration} anywhere in {task.Due}"));
                    continue;
                }

                machine.Reserve(start, start + task.Duration);
                placed.Add(new(task.Id, task.MachineId, null, start, start + task.Duration));
                continue;
            }

            var (best, bestWorker, anyQualified) = (Timeline.Never, -1, false);
            for (var w = 0; w < problem.Workers.Count; w++)
            {
                if (task.CertifiedUntil(problem.Workers[w]) is not { } until)
                {
                    continue;
                }

                anyQualified = true;
                var start = Timeline.FitBoth(machine, workers[w], from, task.Duration, Math.Min(latest, until - task.Duration));
                if (start < best)
                {
                    (best, bestWorker) = (start, w);
                }
            }

            if (bestWorker < 0)
            {
                unplanned.Add(new(task.Id, anyQualified
                    ? $"machine '{task.MachineId}' and a worker with skill '{task.Skill}' are not free together for {task.Duration} anywhere in {task.Due}"
                    : $"no worker holds skill '{task.Skill}' at level {task.MinLevel}"));
                continue;
            }

            machine.Reserve(best, best + task.Duration);
            workers[bestWorker].Reserve(best, best + task.Duration);
            placed.Add(new(task.Id, task.MachineId, problem.Workers[bestWorker].Id, best, best + task.Duration));
        }

        return new MaintenancePlacement(Blocked(problem, placed), placed, unplanned);
    }

    /// <summary><paramref name="plan"/> carrying this placement's tasks.</summary>
    public SchedulePlan Carry(SchedulePlan plan) => plan with { Maintenance = Placed, UnplannedMaintenance = Unplanned };

    /// <summary>The problem with <paramref name="placed"/> as fixed machine and worker time and no tasks left to place.</summary>
    public static SchedulingProblem Blocked(SchedulingProblem problem, IReadOnlyList<ScheduledMaintenance> placed)
    {
        var machines = problem.Machines
            .Select(m => m with { Unavailable = [.. m.Unavailable, .. placed.Where(p => p.MachineId == m.Id).Select(p => new TimeWindow(p.Start, p.End))] })
            .ToList();
        var workers = problem.Workers
            .Select(w => placed.Where(p => p.WorkerId == w.Id).Aggregate(w, (x, p) => x.OffDuring(p.Start, p.End)))
            .ToList();
        return problem with { Machines = machines, Workers = workers, MaintenanceTasks = [] };
    }

    private static void Validate(SchedulingProblem problem)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in problem.MaintenanceTasks)
        {
            if (!ids.Add(task.Id))
            {
                throw new ArgumentException($"Maintenance task '{task.Id}' appears more than once.", nameof(problem));
            }

            if (!problem.Machines.Any(m => m.Id == task.MachineId))
            {
                throw new ArgumentException($"Maintenance task '{task.Id}' names unknown machine '{task.MachineId}'.", nameof(problem));
            }

            if (task.Duration <= 0)
            {
                throw new ArgumentException($"Maintenance task '{task.Id}' needs a positive duration.", nameof(problem));
            }
        }
    }
}
