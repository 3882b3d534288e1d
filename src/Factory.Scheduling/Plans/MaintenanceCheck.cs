using Factory.Scheduling.Model;

namespace Factory.Scheduling.Plans;

/// <summary>The maintenance part of <see cref="PlanChecker"/>: every task placed or reported unplanned, each placed one inside its window, on its machine, with a qualified worker on shift.</summary>
internal static class MaintenanceCheck
{
    /// <summary>Adds the violations of the plan's maintenance to <paramref name="violations"/> and returns the placed tasks as machine and worker time for the overlap checks.</summary>
    public static List<ScheduledOperation> Check(SchedulingProblem problem, SchedulePlan plan, List<PlanViolation> violations)
    {
        var tasks = new Dictionary<string, MaintenanceTask>(StringComparer.Ordinal);
        foreach (var task in problem.MaintenanceTasks)
        {
            tasks.TryAdd(task.Id, task);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var busy = new List<ScheduledOperation>();
        foreach (var id in plan.Maintenance.Select(m => m.TaskId).Concat(plan.UnplannedMaintenance.Select(u => u.TaskId)))
        {
            if (!tasks.ContainsKey(id))
            {
                violations.Add(new(ViolationKind.UnknownOperation, id, "the problem has no such maintenance task"));
            }
            else if (!seen.Add(id))
            {
                violations.Add(new(ViolationKind.Duplicate, id, "maintenance task placed or reported more than once"));
            }
        }

        foreach (var task in tasks.Values.Where(t => !seen.Contains(t.Id)))
        {
            violations.Add(new(ViolationKind.Missing, task.Id, "maintenance task neither placed nor reported unplanned"));
        }

        foreach (var m in plan.Maintenance)
        {
            if (!tasks.TryGetValue(m.TaskId, out var task))
            {
                continue;
            }

            busy.Add(new ScheduledOperation(m.TaskId, "maintenance", m.MachineId, m.WorkerId, m.Start, m.End));
            CheckSlot(problem, task, m, violations);
            CheckWorker(problem, task, m, violations);
        }

        return busy;
    }

    private static void CheckSlot(SchedulingProblem problem, MaintenanceTask task, ScheduledMaintenance m, List<PlanViolation> violations)
    {
        if (m.MachineId != task.MachineId)
        {
            violations.Add(new(ViolationKind.IneligibleMachine, task.Id, $"placed on machine '{m.MachineId}', the task is for '{task.MachineId}'"));
        }

        if (m.End - m.Start != task.Duration)
        {
            violations.Add(new(ViolationKind.WrongDuration, task.Id, $"lasts {m.End - m.Start}, needs {task.Duration}"));
        }

        if (!task.Due.Contains(m.Start, m.End) || m.Start < problem.PlanStart)
        {
            violations.Add(new(ViolationKind.MaintenanceOutsideWindow, task.Id, $"[{m.Start}, {m.End}) is not inside its window {task.Due} after the plan start {problem.PlanStart}"));
        }

        foreach (var w in problem.Machines.Where(x => x.Id == m.MachineId).SelectMany(x => x.Unavailable).Where(w => w.Overlaps(m.Start, m.End)))
        {
            violations.Add(new(ViolationKind.MachineUnavailable, task.Id, $"[{m.Start}, {m.End}) overlaps unavailability {w} of machine '{m.MachineId}'"));
        }
    }

    private static void CheckWorker(SchedulingProblem problem, MaintenanceTask task, ScheduledMaintenance m, List<PlanViolation> violations)
    {
        if (m.WorkerId is null)
        {
            if (task.NeedsWorker)
            {
                violations.Add(new(ViolationKind.MissingWorker, task.Id, $"needs a worker with skill '{task.Skill}'"));
            }

            return;
        }

        if (problem.Workers.FirstOrDefault(w => w.Id == m.WorkerId) is not { } worker)
        {
            violations.Add(new(ViolationKind.MissingWorker, task.Id, $"worker '{m.WorkerId}' is unknown"));
            return;
        }

        if (task.NeedsWorker)
        {
            if (task.CertifiedUntil(worker) is not { } until)
            {
                violations.Add(new(ViolationKind.WorkerUnqualified, task.Id, $"worker '{worker.Id}' lacks skill '{task.Skill}' at level {task.MinLevel}"));
            }
            else if (m.End > until)
            {
                violations.Add(new(ViolationKind.CertificationExpired, task.Id, $"worker '{worker.Id}' is certified for '{task.Skill}' until {until}, the task ends at {m.End}"));
            }
        }

        if (worker.Shifts is { } shifts && !ProblemIndex.Merge(shifts).Any(x => x.Contains(m.Start, m.End)))
        {
            violations.Add(new(ViolationKind.WorkerOffShift, task.Id, $"worker '{worker.Id}' is not on shift for all of [{m.Start}, {m.End})"));
        }
    }
}
