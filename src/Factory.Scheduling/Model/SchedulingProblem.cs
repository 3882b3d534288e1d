namespace Factory.Scheduling.Model;

/// <summary>A flexible job shop with workers: everything a solver needs.</summary>
/// <param name="Machines">All machines.</param>
/// <param name="Jobs">All jobs (work orders).</param>
/// <param name="Workers">All workers (may be empty when no operation needs a skill).</param>
/// <param name="Frozen">Operations already running or done; kept exactly.</param>
/// <param name="Pinned">Operations whose machine (and worker) a manager fixed.</param>
/// <param name="Objective">What to minimise.</param>
/// <param name="PlanStart">No operation that is not frozen may start before this instant (the re-planning time).</param>
public sealed record SchedulingProblem(
    IReadOnlyList<Machine> Machines,
    IReadOnlyList<Job> Jobs,
    IReadOnlyList<ShiftWorker> Workers,
    IReadOnlyList<FrozenOperation> Frozen,
    IReadOnlyList<PinnedOperation> Pinned,
    ObjectiveKind Objective = ObjectiveKind.WeightedTardinessThenMakespan,
    long PlanStart = 0)
{
    /// <summary>A problem with machines and jobs only (a classic job shop or flexible job shop).</summary>
    public SchedulingProblem(IReadOnlyList<Machine> machines, IReadOnlyList<Job> jobs, ObjectiveKind objective = ObjectiveKind.Makespan)
        : this(machines, jobs, [], [], [], objective) { }

    /// <summary>
    /// How much one cost unit weighs against one unit of weighted tardiness: the primary objective is weighted tardiness
    /// plus this times the machines' running cost (<see cref="Machine.CostRate"/>). 0 (the default) leaves cost out, so a
    /// cheaper machine is chosen only when it costs no lateness; a large weight buys savings with lateness.
    /// </summary>
    public long CostWeight { get; init; }

    /// <summary>Planned maintenance whose slot the planner chooses inside each task's due window (empty by default).</summary>
    public IReadOnlyList<MaintenanceTask> MaintenanceTasks { get; init; } = [];

    /// <summary>Whether the objective weighs cost at all.</summary>
    public bool WeighsCost => CostWeight > 0 && Machines.Any(m => m.CostRate > 0);

    /// <summary>Total number of operations.</summary>
    public int OperationCount => Jobs.Sum(j => j.Operations.Count);

    /// <summary>The problem without job <paramref name="jobId"/> and its frozen and pinned operations.</summary>
    public SchedulingProblem WithoutJob(string jobId)
    {
        var removed = Jobs.Where(j => j.Id == jobId).SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return this with
        {
            Jobs = [.. Jobs.Where(j => j.Id != jobId)],
            Frozen = [.. Frozen.Where(f => !removed.Contains(f.OperationId))],
            Pinned = [.. Pinned.Where(p => !removed.Contains(p.OperationId))],
        };
    }

    /// <summary>The problem with <paramref name="window"/> added to machine <paramref name="machineId"/>'s unavailability.</summary>
    public SchedulingProblem WithUnavailability(string machineId, TimeWindow window)
    {
        if (!Machines.Any(m => m.Id == machineId))
        {
            throw new ArgumentException($"Unknown machine '{machineId}'.", nameof(machineId));
        }

        var machines = Machines
            .Select(m => m.Id == machineId ? m with { Unavailable = [.. m.Unavailable, window] } : m)
            .ToList();
        return this with { Machines = machines };
    }
}
