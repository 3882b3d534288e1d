using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// A manager moves an operation to a machine and worker: the move is checked against the operation's alternatives
/// and the worker's skill, level and certification, then pinned (so later re-plans and the optimizer keep it) and the
/// rest re-planned from <c>now</c>. A refused reassignment changes nothing.
/// </summary>
public static class Reassignment
{
    /// <summary>Reassigns <paramref name="operationId"/> to <paramref name="machineId"/> and <paramref name="workerId"/> at <paramref name="now"/>.</summary>
    public static ReassignResult Reassign(
        SchedulingProblem problem,
        SchedulePlan current,
        string operationId,
        string machineId,
        string? workerId,
        long now)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(current);
        var reasons = new List<string>();
        var operation = problem.Jobs.SelectMany(j => j.Operations).FirstOrDefault(o => o.Id == operationId);
        if (operation is null)
        {
            return ReassignResult.Refused($"operation '{operationId}' does not exist");
        }

        var scheduled = current.ByOperation().GetValueOrDefault(operationId);
        if (problem.Frozen.Any(f => f.OperationId == operationId) || (scheduled is not null && scheduled.Start < now))
        {
            return ReassignResult.Refused($"operation '{operationId}' has already started and cannot be moved");
        }

        var alternative = operation.Alternatives.FirstOrDefault(a => a.MachineId == machineId);
        if (alternative is null)
        {
            reasons.Add($"machine '{machineId}' cannot run operation '{operationId}' (it can run on {string.Join(", ", operation.Alternatives.Select(a => a.MachineId))})");
        }

        var worker = workerId is null ? null : problem.Workers.FirstOrDefault(w => w.Id == workerId);
        if (workerId is not null && worker is null)
        {
            reasons.Add($"worker '{workerId}' does not exist");
        }
        else if (operation.NeedsWorker && worker is null)
        {
            reasons.Add($"operation '{operationId}' needs a worker with skill '{operation.Skill}'");
        }
        else if (operation.NeedsWorker && worker is not null)
        {
            if (!worker.HoldsSkillFor(operation))
            {
                reasons.Add($"worker '{worker.Id}' lacks skill '{operation.Skill}' at level {operation.MinLevel}");
            }
            else if (alternative is not null && worker.CertifiedUntil(operation) is { } until && until < now + alternative.Duration)
            {
                reasons.Add($"worker '{worker.Id}''s certification for '{operation.Skill}' expires at {until}, before the operation could end");
            }
        }

        if (reasons.Count > 0)
        {
            return new ReassignResult(false, reasons, null);
        }

        var pinned = problem with
        {
            Pinned = [.. problem.Pinned.Where(p => p.OperationId != operationId), new PinnedOperation(operationId, machineId, workerId)],
        };
        var replan = Replanner.Replan(pinned, current, now);
        if (replan.Plan is null)
        {
            return ReassignResult.Refused($"no plan keeps operation '{operationId}' on machine '{machineId}'{(workerId is null ? "" : $" with worker '{workerId}'")}: {replan.Result.Message}");
        }

        return new ReassignResult(true, [], replan);
    }
}
