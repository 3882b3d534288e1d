using Factory.Scheduling.Model;

namespace Factory.Scheduling;

/// <summary>Dense indexes over a validated problem, shared by the checker and the solvers.</summary>
internal sealed class ProblemIndex
{
    private readonly Dictionary<(string, int, string?), (int, long)[]> _qualified = [];

    public ProblemIndex(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        var errors = new List<string>();

        for (var m = 0; m < problem.Machines.Count; m++)
        {
            var machine = problem.Machines[m];
            if (!MachineIndex.TryAdd(machine.Id, m))
            {
                errors.Add($"machine id '{machine.Id}' is used twice");
            }
        }

        for (var w = 0; w < problem.Workers.Count; w++)
        {
            if (!WorkerIndex.TryAdd(problem.Workers[w].Id, w))
            {
                errors.Add($"worker id '{problem.Workers[w].Id}' is used twice");
            }
        }

        var jobIds = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < problem.Jobs.Count; j++)
        {
            var job = problem.Jobs[j];
            if (!jobIds.Add(job.Id))
            {
                errors.Add($"job id '{job.Id}' is used twice");
            }

            for (var k = 0; k < job.Operations.Count; k++)
            {
                var op = job.Operations[k];
                var info = new OperationInfo(Operations.Count, op, job, j, k);
                if (!OperationIndex.TryAdd(op.Id, info.Index))
                {
                    errors.Add($"operation id '{op.Id}' is used twice");
                }

                Operations.Add(info);
                if (op.Alternatives.Count == 0)
                {
                    errors.Add($"operation '{op.Id}' has no machine alternative");
                }

                foreach (var alt in op.Alternatives)
                {
                    if (!MachineIndex.ContainsKey(alt.MachineId))
                    {
                        errors.Add($"operation '{op.Id}' names unknown machine '{alt.MachineId}'");
                    }

                    if (alt.Duration < 0)
                    {
                        errors.Add($"operation '{op.Id}' has a negative duration on machine '{alt.MachineId}'");
                    }
                }
            }
        }

        foreach (var frozen in problem.Frozen)
        {
            if (!OperationIndex.ContainsKey(frozen.OperationId))
            {
                errors.Add($"frozen operation '{frozen.OperationId}' is unknown");
            }
            else if (!Frozen.TryAdd(frozen.OperationId, frozen))
            {
                errors.Add($"operation '{frozen.OperationId}' is frozen twice");
            }

            if (frozen.End < frozen.Start)
            {
                errors.Add($"frozen operation '{frozen.OperationId}' ends before it starts");
            }
        }

        foreach (var pinned in problem.Pinned)
        {
            if (!OperationIndex.TryGetValue(pinned.OperationId, out var index))
            {
                errors.Add($"pinned operation '{pinned.OperationId}' is unknown");
                continue;
            }

            if (!Pinned.TryAdd(pinned.OperationId, pinned))
            {
                errors.Add($"operation '{pinned.OperationId}' is pinned twice");
            }

            if (!Operations[index].Operation.Alternatives.Any(a => a.MachineId == pinned.MachineId))
            {
                errors.Add($"operation '{pinned.OperationId}' is pinned to machine '{pinned.MachineId}', which is not one of its alternatives");
            }

            if (pinned.NotBefore is >= Solvers.Timeline.Never)
            {
                errors.Add($"operation '{pinned.OperationId}' is pinned to start not before {pinned.NotBefore}, which is beyond any plan");
            }

            if (pinned.WorkerId is not null && !WorkerIndex.ContainsKey(pinned.WorkerId))
            {
                errors.Add($"operation '{pinned.OperationId}' is pinned to unknown worker '{pinned.WorkerId}'");
            }
        }

        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid scheduling problem: " + string.Join("; ", errors.Take(20)), nameof(problem));
        }
    }

    public SchedulingProblem Problem { get; }

    public List<OperationInfo> Operations { get; } = [];

    public Dictionary<string, int> OperationIndex { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> MachineIndex { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, int> WorkerIndex { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, FrozenOperation> Frozen { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PinnedOperation> Pinned { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The earliest instant <paramref name="info"/> may start, before any predecessor: its job's release, the plan start,
    /// and the not-before of its pin, whichever is latest. Every solver and the checker bound starts by this one rule.
    /// </summary>
    public long EarliestStart(OperationInfo info)
    {
        var earliest = Math.Max(info.Job.Release, Problem.PlanStart);
        return Pinned.TryGetValue(info.Operation.Id, out var pin) && pin.NotBefore is { } notBefore ? Math.Max(earliest, notBefore) : earliest;
    }

    public bool AnyWorkerNeeded => Operations.Any(o => o.Operation.NeedsWorker) || Pinned.Values.Any(p => p.WorkerId is not null);

    /// <summary>
    /// The workers who may run <paramref name="info"/>, each with the end its certification allows, or null when the
    /// operation takes no worker. A pinned worker is the only choice (also for an operation needing no skill).
    /// </summary>
    public (int Worker, long Until)[]? QualifiedWorkers(OperationInfo info)
    {
        var op = info.Operation;
        Pinned.TryGetValue(op.Id, out var pin);
        if (!op.NeedsWorker)
        {
            return pin?.WorkerId is { } only ? [(WorkerIndex[only], long.MaxValue / 4)] : null;
        }

        var key = (op.Skill!, op.MinLevel, pin?.WorkerId);
        if (!_qualified.TryGetValue(key, out var list))
        {
            var found = new List<(int, long)>();
            for (var w = 0; w < Problem.Workers.Count; w++)
            {
                var worker = Problem.Workers[w];
                if ((pin?.WorkerId is null || worker.Id == pin.WorkerId) && worker.CertifiedUntil(op) is { } until)
                {
                    found.Add((w, Math.Min(until, long.MaxValue / 4)));
                }
            }

            list = [.. found];
            _qualified[key] = list;
        }

        return list;
    }

    /// <summary>Merges overlapping or touching windows into sorted disjoint ones.</summary>
    public static List<TimeWindow> Merge(IEnumerable<TimeWindow> windows)
    {
        var sorted = windows.Where(w => w.To > w.From).OrderBy(w => w.From).ToList();
        var merged = new List<TimeWindow>(sorted.Count);
        foreach (var w in sorted)
        {
            if (merged.Count > 0 && w.From <= merged[^1].To)
            {
                merged[^1] = merged[^1] with { To = Math.Max(merged[^1].To, w.To) };
            }
            else
            {
                merged.Add(w);
            }
        }

        return merged;
    }
}
