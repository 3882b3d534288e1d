using Factory.Scheduling.Model;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// When each machine and worker of a problem is taken before anything is planned: a machine's unavailability, a worker's
/// time off shift, and the started (frozen) work each holds. Every planner starts its timelines from these.
/// </summary>
internal sealed class ResourceCalendars
{
    private readonly SchedulingProblem _problem;
    private readonly List<TimeWindow>[] _frozenOnMachine;
    private readonly List<TimeWindow>[] _frozenOnWorker;

    public ResourceCalendars(ProblemIndex index)
    {
        _problem = index.Problem;
        _frozenOnMachine = _problem.Machines.Select(_ => new List<TimeWindow>()).ToArray();
        _frozenOnWorker = _problem.Workers.Select(_ => new List<TimeWindow>()).ToArray();
        foreach (var f in index.Frozen.Values)
        {
            if (index.MachineIndex.TryGetValue(f.MachineId, out var m))
            {
                _frozenOnMachine[m].Add(new TimeWindow(f.Start, f.End));
            }

            if (f.WorkerId is not null && index.WorkerIndex.TryGetValue(f.WorkerId, out var w))
            {
                _frozenOnWorker[w].Add(new TimeWindow(f.Start, f.End));
            }
        }
    }

    /// <summary>Fresh timelines, one per machine in the problem's order, to reserve on.</summary>
    public Timeline[] Machines() => _problem.Machines.Select((m, i) => new Timeline(m.Unavailable.Concat(_frozenOnMachine[i]))).ToArray();

    /// <summary>Fresh timelines, one per worker in the problem's order, to reserve on.</summary>
    public Timeline[] Workers() => _problem.Workers.Select((w, i) => Timeline.OffShift(w.Shifts, _frozenOnWorker[i])).ToArray();
}
