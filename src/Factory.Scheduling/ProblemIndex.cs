using Factory.Scheduling.Model;

namespace Factory.Scheduling;

/// <summary>Dense indexes over a validated problem, shared by the checker and the solvers.</summary>
internal sealed class ProblemIndex
{
    private readonly Dictionary<(string, int, string?), (int, long)[]> _qualified = [];
    private readonly AlternativeTable _alternatives;
    private Solvers.DispatchChoices? _choices;

    public ProblemIndex(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        var errors = new List<string>();
        var known = AlternativeTable.Of(problem);
        var listed = known is null ? new List<(int Machine, long Duration)[]>() : null;

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

                // The machines are looked up once, for the check and for every planner (AlternativeTable); jobs checked
                // against the same machines before passed these checks then.
                if (listed is not null)
                {
                    listed.Add(Look(op, errors));
                }
            }
        }

        _alternatives = known ?? (errors.Count == 0 ? AlternativeTable.Remember(problem, [.. listed!]) : AlternativeTable.Unkept([.. listed!]));
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

            if (!MachineIndex.TryGetValue(pinned.MachineId, out var pinnedMachine) || !_alternatives.Listed(index).Any(a => a.Machine == pinnedMachine))
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

    private (int Machine, long Duration)[] Look(JobOperation op, List<string> errors)
    {
        var listed = new (int, long)[op.Alternatives.Count];
        for (var a = 0; a < listed.Length; a++)
        {
            var alt = op.Alternatives[a];
            if (!MachineIndex.TryGetValue(alt.MachineId, out var machine))
            {
                errors.Add($"operation '{op.Id}' names unknown machine '{alt.MachineId}'");
            }

            if (alt.Duration < 0)
            {
                errors.Add($"operation '{op.Id}' has a negative duration on machine '{alt.MachineId}'");
            }

            listed[a] = (machine, alt.Duration);
        }

        return listed;
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

    /// <summary>
    /// Every machine <paramref name="info"/> may run on with its duration, in the operation's own order, whatever its pin:
    /// looked up once, while the problem is checked, and shared by every planner on this index, so the planners do not each
    /// look hundreds of machine ids up per operation on a large site. Callers must not change the array.
    /// </summary>
    public (int Machine, long Duration)[] Listed(OperationInfo info) => _alternatives.Listed(info.Index);

    /// <summary>
    /// <see cref="Listed"/> shortest first (stable among equals): what the constructive planner's several rules and its search
    /// try, sorted once. Callers must not change the array.
    /// </summary>
    public (int Machine, long Duration)[] ByDuration(OperationInfo info) => _alternatives.ByDuration(info.Index);

    /// <summary>
    /// What every dispatcher run on this problem preferring <paramref name="previous"/> starts from: made once for the plan
    /// in force the runs are given (the constructive planner's rules all get the same one).
    /// </summary>
    public Solvers.DispatchChoices DispatchChoices(IReadOnlyDictionary<string, Plans.ScheduledOperation>? previous)
    {
        if (_choices is not { } known || !ReferenceEquals(known.Previous, previous))
        {
            _choices = known = new Solvers.DispatchChoices(this, previous);
        }

        return known;
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
