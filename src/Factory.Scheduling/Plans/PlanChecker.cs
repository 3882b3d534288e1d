using Factory.Scheduling.Model;

namespace Factory.Scheduling.Plans;

/// <summary>Verifies every constraint of a plan against its problem.</summary>
public static class PlanChecker
{
    /// <summary>
    /// Returns every violation of <paramref name="plan"/> (empty when the plan is valid).
    /// Throws <see cref="ArgumentException"/> when the problem itself is malformed.
    /// </summary>
    public static IReadOnlyList<PlanViolation> Check(SchedulingProblem problem, SchedulePlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var index = new ProblemIndex(problem);
        var violations = new List<PlanViolation>();
        var byOp = new Dictionary<string, ScheduledOperation>(StringComparer.Ordinal);

        foreach (var s in plan.Operations)
        {
            if (!index.OperationIndex.ContainsKey(s.OperationId))
            {
                violations.Add(new(ViolationKind.UnknownOperation, s.OperationId, "the problem has no such operation"));
            }
            else if (!byOp.TryAdd(s.OperationId, s))
            {
                violations.Add(new(ViolationKind.Duplicate, s.OperationId, "scheduled more than once"));
            }
        }

        foreach (var info in index.Operations)
        {
            if (!byOp.TryGetValue(info.Operation.Id, out var s))
            {
                violations.Add(new(ViolationKind.Missing, info.Operation.Id, "not scheduled"));
                continue;
            }

            CheckOperation(index, info, s, byOp, violations);
        }

        // Placed maintenance holds its machine and worker like an operation does.
        var busy = byOp.Values.Concat(MaintenanceCheck.Check(problem, plan, violations)).ToList();
        CheckOverlaps(busy.GroupBy(s => s.MachineId), ViolationKind.MachineOverlap, "machine", violations);
        CheckOverlaps(busy.Where(s => s.WorkerId is not null).GroupBy(s => s.WorkerId!), ViolationKind.WorkerOverlap, "worker", violations);
        return violations;
    }

    private static void CheckOperation(
        ProblemIndex index,
        OperationInfo info,
        ScheduledOperation s,
        Dictionary<string, ScheduledOperation> byOp,
        List<PlanViolation> violations)
    {
        var op = info.Operation;
        var id = op.Id;
        var frozen = index.Frozen.GetValueOrDefault(id);

        if (frozen is not null)
        {
            // A frozen operation is a fact (it runs or ran), not a decision: only its position is checked,
            // and other operations must not overlap it.
            if (frozen.MachineId != s.MachineId || frozen.WorkerId != s.WorkerId || frozen.Start != s.Start || frozen.End != s.End)
            {
                violations.Add(new(ViolationKind.FrozenChanged, id,
                    $"frozen at {frozen.MachineId}/{frozen.WorkerId ?? "-"} [{frozen.Start}, {frozen.End}), planned at {s.MachineId}/{s.WorkerId ?? "-"} [{s.Start}, {s.End})"));
            }

            return;
        }

        var alt = op.Alternatives.FirstOrDefault(a => a.MachineId == s.MachineId);
        if (alt is null)
        {
            violations.Add(new(ViolationKind.IneligibleMachine, id, $"machine '{s.MachineId}' is not one of its alternatives"));
        }
        else if (s.End - s.Start != alt.Duration)
        {
            violations.Add(new(ViolationKind.WrongDuration, id, $"runs {s.End - s.Start} on machine '{s.MachineId}', needs {alt.Duration}"));
        }

        var earliest = Math.Max(info.Job.Release, index.Problem.PlanStart);
        if (s.Start < earliest)
        {
            violations.Add(new(ViolationKind.BeforeRelease, id, $"starts at {s.Start}, before {earliest} (release {info.Job.Release}, plan start {index.Problem.PlanStart})"));
        }

        if (index.Pinned.TryGetValue(id, out var pinned) &&
            (pinned.MachineId != s.MachineId || (pinned.WorkerId is not null && pinned.WorkerId != s.WorkerId)))
        {
            violations.Add(new(ViolationKind.PinnedChanged, id, $"pinned to {pinned.MachineId}/{pinned.WorkerId ?? "any worker"}, planned on {s.MachineId}/{s.WorkerId ?? "-"}"));
        }

        // Below the release or plan start the start is a BeforeRelease already; this is the manager's own bound.
        if (pinned?.NotBefore is { } notBefore && s.Start < notBefore && s.Start >= earliest)
        {
            violations.Add(new(ViolationKind.PinnedTooEarly, id, $"starts at {s.Start}, before {notBefore}, the earliest start it is pinned to"));
        }

        if (info.Position > 0 && byOp.TryGetValue(info.Job.Operations[info.Position - 1].Id, out var previous) && s.Start < previous.End)
        {
            violations.Add(new(ViolationKind.Precedence, id, $"starts at {s.Start}, before its predecessor '{previous.OperationId}' ends at {previous.End}"));
        }

        if (index.MachineIndex.TryGetValue(s.MachineId, out var m))
        {
            foreach (var w in index.Problem.Machines[m].Unavailable)
            {
                if (w.Overlaps(s.Start, s.End))
                {
                    violations.Add(new(ViolationKind.MachineUnavailable, id, $"[{s.Start}, {s.End}) overlaps unavailability {w} of machine '{s.MachineId}'"));
                }
            }
        }

        CheckWorker(index, op, s, violations);
    }

    private static void CheckWorker(ProblemIndex index, JobOperation op, ScheduledOperation s, List<PlanViolation> violations)
    {
        if (s.WorkerId is null)
        {
            if (op.NeedsWorker)
            {
                violations.Add(new(ViolationKind.MissingWorker, op.Id, $"needs a worker with skill '{op.Skill}'"));
            }

            return;
        }

        if (!index.WorkerIndex.TryGetValue(s.WorkerId, out var w))
        {
            violations.Add(new(ViolationKind.MissingWorker, op.Id, $"worker '{s.WorkerId}' is unknown"));
            return;
        }

        var worker = index.Problem.Workers[w];
        if (op.NeedsWorker)
        {
            var until = worker.CertifiedUntil(op);
            if (until is null)
            {
                violations.Add(new(ViolationKind.WorkerUnqualified, op.Id, $"worker '{worker.Id}' lacks skill '{op.Skill}' at level {op.MinLevel}"));
            }
            else if (s.End > until)
            {
                violations.Add(new(ViolationKind.CertificationExpired, op.Id, $"worker '{worker.Id}' is certified for '{op.Skill}' until {until}, the operation ends at {s.End}"));
            }
        }

        if (worker.Shifts is { } shifts && s.End > s.Start && !ProblemIndex.Merge(shifts).Any(x => x.Contains(s.Start, s.End)))
        {
            violations.Add(new(ViolationKind.WorkerOffShift, op.Id, $"worker '{worker.Id}' is not on shift for all of [{s.Start}, {s.End})"));
        }
    }

    private static void CheckOverlaps(
        IEnumerable<IGrouping<string, ScheduledOperation>> groups,
        ViolationKind kind,
        string what,
        List<PlanViolation> violations)
    {
        foreach (var group in groups)
        {
            var sorted = group.Where(s => s.End > s.Start).OrderBy(s => s.Start).ToList();
            var latest = sorted.Count > 0 ? sorted[0] : null;
            for (var i = 1; i < sorted.Count; i++)
            {
                var s = sorted[i];
                if (s.Start < latest!.End)
                {
                    violations.Add(new(kind, s.OperationId, $"overlaps '{latest.OperationId}' on {what} '{group.Key}' ([{s.Start}, {s.End}) vs [{latest.Start}, {latest.End}))"));
                }

                if (s.End > latest.End)
                {
                    latest = s;
                }
            }
        }
    }
}
