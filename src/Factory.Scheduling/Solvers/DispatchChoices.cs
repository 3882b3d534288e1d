using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// What every <see cref="DispatchRun"/> on one problem and one plan in force starts from, worked out once: each operation's
/// machines (its current one tried first), qualified workers (its current one first), earliest start, the started work and
/// the machines' and workers' calendars. The constructive planner runs the dispatcher with five or six rules on the same
/// problem; on a 1,000-machine site each run spent more on this than on dispatching (#20). Never changed once made: each
/// run reserves on copies of the calendars.
/// </summary>
internal sealed class DispatchChoices
{
    private readonly Timeline[] _machines;
    private readonly Timeline[] _workers;

    public DispatchChoices(ProblemIndex index, IReadOnlyDictionary<string, ScheduledOperation>? previous)
    {
        Previous = previous;
        var n = index.Operations.Count;
        Placed = new ScheduledOperation?[n];
        foreach (var info in index.Operations)
        {
            if (index.Frozen.TryGetValue(info.Operation.Id, out var f))
            {
                Placed[info.Index] = new ScheduledOperation(f.OperationId, info.Job.Id, f.MachineId, f.WorkerId, f.Start, f.End);
            }
        }

        var calendars = new ResourceCalendars(index);
        _machines = calendars.Machines();
        _workers = calendars.Workers();
        Alternatives = new (int, long)[n][];
        Preferred = new int[n];
        MinDuration = new long[n];
        Qualified = new (int, long)[]?[n];
        NotBefore = new long[n];
        Current = new (int, int, long)?[n];
        FirstWorker = new int[n];
        Array.Fill(FirstWorker, -1);
        foreach (var info in index.Operations)
        {
            Alternatives[info.Index] = [];
            Preferred[info.Index] = -1;
            if (Placed[info.Index] is not null)
            {
                continue; // started work is where it is: nothing to choose (most of a repaired plan)
            }

            var op = info.Operation;
            // A pinned operation has its one machine. Shortest first either way: the dispatcher stops at the first machine
            // that cannot beat its best option (see DispatchRun.Earliest).
            var alternatives = Alternatives[info.Index] = index.Pinned.TryGetValue(op.Id, out var pin)
                ? OnMachine(index.ByDuration(info), index.MachineIndex[pin.MachineId])
                : index.ByDuration(info);
            MinDuration[info.Index] = alternatives.Length == 0 ? 0 : alternatives.Min(a => a.Duration);
            Qualified[info.Index] = index.QualifiedWorkers(info);
            NotBefore[info.Index] = index.EarliestStart(info);
            if (previous is null || !previous.TryGetValue(op.Id, out var was))
            {
                continue;
            }

            // Options are tried in order and only a strictly better one replaces the first found: trying the current machine
            // and worker first makes them win every tie. The shared alternatives stay as they are; the current machine's
            // place in them is what is tried first.
            var wasMachine = index.MachineIndex.GetValueOrDefault(was.MachineId, -1);
            Preferred[info.Index] = Array.FindIndex(alternatives, a => a.Machine == wasMachine);
            if (Qualified[info.Index] is { Length: > 0 } workers && was.WorkerId is not null && index.WorkerIndex.TryGetValue(was.WorkerId, out var wasWorker))
            {
                var at = Array.FindIndex(workers, w => w.Worker == wasWorker);
                FirstWorker[info.Index] = at;
                if (at >= 0)
                {
                    Current[info.Index] = (Preferred[info.Index] >= 0 ? wasMachine : -1, wasWorker, workers[at].Until);
                }
            }
        }
    }

    // Looked up once per operation, not once per alternative (#20: most of a 1,000-machine site's re-plan is pinned to the
    // machine it keeps, each operation with some two hundred alternatives).
    private static (int Machine, long Duration)[] OnMachine((int Machine, long Duration)[] alternatives, int machine) =>
        Array.FindAll(alternatives, a => a.Machine == machine);

    /// <summary>The plan in force these choices prefer (null: none).</summary>
    public IReadOnlyDictionary<string, ScheduledOperation>? Previous { get; }

    /// <summary>The started work, where it runs; null for what is to plan.</summary>
    public ScheduledOperation?[] Placed { get; }

    /// <summary>Each operation's machines with their durations, shortest first (pinned: its one machine).</summary>
    public (int Machine, long Duration)[][] Alternatives { get; }

    /// <summary>Where in <see cref="Alternatives"/> the operation's current machine stands (-1: none): it is tried first.</summary>
    public int[] Preferred { get; }

    /// <summary>Each operation's shortest duration.</summary>
    public long[] MinDuration { get; }

    /// <summary>
    /// Each operation's qualified workers with the end their certification allows, shared by every operation with the same
    /// skill and level (never changed); null: none needed.
    /// </summary>
    public (int Worker, long Until)[]?[] Qualified { get; }

    /// <summary>
    /// Where in <see cref="Qualified"/> the operation's current worker stands (-1: none): tried first, so they win every tie,
    /// without a reordered copy of the list per operation.
    /// </summary>
    public int[] FirstWorker { get; }

    /// <summary>When each operation may start at the earliest (release, plan start, a pin's not-before).</summary>
    public long[] NotBefore { get; }

    /// <summary>The operation's current machine (-1: not among its choices) and worker, where it has a current worker.</summary>
    public (int Machine, int Worker, long Until)?[] Current { get; }

    /// <summary>Fresh machine timelines to reserve on.</summary>
    public Timeline[] Machines() => Array.ConvertAll(_machines, t => t.Copy());

    /// <summary>Fresh worker timelines to reserve on.</summary>
    public Timeline[] Workers() => Array.ConvertAll(_workers, t => t.Copy());
}
