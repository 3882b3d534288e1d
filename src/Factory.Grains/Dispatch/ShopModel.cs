using Factory.Domain.Maintenance;
using Factory.Domain.People;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Grains.Dispatch;

/// <summary>
/// Translates the plant (machine, work-order and worker views) into the scheduling model and plans back into views.
/// Time in the model is whole seconds since the site's plan origin.
/// </summary>
internal sealed class ShopModel(DateTimeOffset origin)
{
    public DateTimeOffset Origin { get; } = origin;

    public static string OperationId(string workOrderId, int sequence) => $"{workOrderId}#{sequence}";

    public long Seconds(DateTimeOffset at) => (long)Math.Floor((at - Origin).TotalSeconds);

    public DateTimeOffset Time(long seconds) => Origin.AddSeconds(seconds);

    /// <summary>A manager's earliest start of <paramref name="op"/> in model seconds, rounded up so the plan never starts it sooner.</summary>
    private long? NotBefore(OperationView op) => op.NotBefore is { } at ? (long)Math.Ceiling((at - Origin).TotalSeconds) : null;

    /// <summary>
    /// When a machine takes no work: from now until its expected repair when it is not available, and every window of a
    /// planned maintenance order on it that has not ended (from now at the earliest).
    /// </summary>
    private List<TimeWindow> Unavailable(PlantPicture plant, MachineView machine, DateTimeOffset now, IReadOnlyDictionary<string, DateTimeOffset> failedUntil)
    {
        var start = Seconds(now);
        var windows = new List<TimeWindow>();
        if (!machine.Available)
        {
            windows.Add(new TimeWindow(start, Seconds(failedUntil.GetValueOrDefault(machine.Id, now.AddHours(8)))));
        }

        foreach (var down in plant.MaintenanceWindows ?? [])
        {
            if (string.Equals(down.ScopeId, machine.Id, StringComparison.Ordinal) && down.End > now)
            {
                windows.Add(new TimeWindow(Math.Max(start, Seconds(down.Start)), (long)Math.Ceiling((down.End - Origin).TotalSeconds)));
            }
        }

        return windows.Count <= 1 ? windows : MergeWindows(windows);
    }

    // Overlapping windows (a failure during a maintenance window) become one, so every planner sees disjoint ones.
    private static List<TimeWindow> MergeWindows(List<TimeWindow> windows)
    {
        var merged = new List<TimeWindow>();
        foreach (var w in windows.Where(w => w.To > w.From).OrderBy(w => w.From))
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

    /// <summary>
    /// The scheduling problem at <paramref name="now"/>. Work orders that cannot be planned at all (an operation with no
    /// capable machine, or a skill no clocked-in worker holds with a valid certification) are left out and reported.
    /// </summary>
    public (SchedulingProblem Problem, ImmutableArray<string> Unplanned) Build(
        PlantPicture plant,
        DateTimeOffset now,
        IReadOnlyDictionary<string, DateTimeOffset> failedUntil,
        IReadOnlySet<string> forcedPins)
    {
        var start = Seconds(now);
        var machines = plant.Machines.Select(m => new Machine(m.Id, Unavailable(plant, m, now, failedUntil))).ToList();
        // The skills each clocked-in worker is qualified for now, by the one qualification rule, each until its certification ends.
        var workers = plant.Workers.Where(w => w.ClockedIn).Select(w => new ShiftWorker(w.Id,
            WorkerQualification.QualifiedSkills(w.ToWorker(), now).Select(s => new WorkerSkill(s.Skill, s.Level, Seconds(s.Until))).ToList())).ToList();

        var jobs = new List<Job>();
        var pinned = new List<PinnedOperation>();
        var frozen = new List<FrozenOperation>();
        var available = plant.Machines.Where(m => m.Available).Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        // Machines by capability, in the site's order, and who is certified for what until when: looked up once per problem,
        // not once per operation (#20: a 1,000-machine site compared 800 operations with every machine's capabilities and
        // every worker's skills, 35-270 ms of each re-plan).
        var capable = new Dictionary<string, List<MachineView>>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in plant.Machines)
        {
            foreach (var capability in m.Capabilities.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!capable.TryGetValue(capability, out var list))
                {
                    capable[capability] = list = [];
                }

                list.Add(m);
            }
        }

        var certified = new Dictionary<(string Skill, int Level), List<long>>();
        List<long> Certified(string skill, int level)
        {
            if (!certified.TryGetValue((skill, level), out var untils))
            {
                certified[(skill, level)] = untils = [.. workers.Select(w => w.CertifiedUntil(skill, level)).OfType<long>()];
            }

            return untils;
        }

        var unplanned = ImmutableArray.CreateBuilder<string>();
        foreach (var order in plant.WorkOrders.Where(o => !o.Done))
        {
            var operations = new List<JobOperation>();
            string? problem = null;
            // The earliest an operation can start: the plan start plus what the order's earlier operations still take.
            var earliest = start;
            foreach (var op in order.Operations.Where(o => o.Status is not (OperationStatus.Completed or OperationStatus.Cancelled)))
            {
                // What is left to make decides how long it still takes: an interrupted operation plans only its rest.
                var share = order.Quantity > 0 ? Math.Clamp((double)(order.Quantity - op.Good) / order.Quantity, 0, 1) : 1;
                var duration = Math.Max(1, (long)Math.Ceiling(op.StandardDurationSeconds * share));
                var alternatives = ((op.Capability is null ? null : capable.GetValueOrDefault(op.Capability)) ?? [])
                    .Where(m => op.AllowedMachines.IsDefaultOrEmpty || op.AllowedMachines.Contains(m.Id, StringComparer.OrdinalIgnoreCase))
                    .Select(m => new OperationAlternative(m.Id, duration))
                    .ToList();
                var id = OperationId(order.Id, op.Sequence);
                var skill = string.IsNullOrEmpty(op.Skill) ? null : op.Skill;
                if (op.Status is OperationStatus.Released or OperationStatus.Running && op.MachineId is { } on && available.Contains(on))
                {
                    // On a machine that works: a fact, from its start to its live ETA.
                    var run = op.Runs.IsDefaultOrEmpty ? null : op.Runs[^1];
                    var begin = Seconds(run?.StartedAt ?? run?.ReleasedAt ?? now);
                    var end = Math.Max(Math.Max(Seconds(op.Eta ?? now), start + 1), begin + 1);
                    if (!alternatives.Any(a => a.MachineId == on))
                    {
                        alternatives.Add(new OperationAlternative(on, end - begin));
                    }

                    operations.Add(new JobOperation(id, alternatives, skill, op.MinSkillLevel));
                    frozen.Add(new FrozenOperation(id, on, skill is null ? null : op.WorkerId, begin, end));
                    earliest = Math.Max(earliest, end);
                    continue;
                }

                if (alternatives.Count == 0)
                {
                    problem = $"{order.Id} op {op.Sequence}: no machine can '{op.Capability}'";
                    break;
                }

                var operation = new JobOperation(id, alternatives, skill, op.MinSkillLevel);
                PinnedOperation? pin = null;
                if (op.MachineId is not null && (op.Pinned || forcedPins.Contains(id)))
                {
                    pin = new PinnedOperation(id, op.MachineId, skill is null ? null : op.WorkerId, NotBefore(op));
                }
                else if (op.MachineId is { } chosen && op.ManagerAssignedAt is not null && available.Contains(chosen))
                {
                    // A manager's move holds while its machine works (a later re-plan would otherwise move it straight back
                    // to where the dispatcher preferred it); the worker stays the dispatcher's to choose.
                    pin = new PinnedOperation(id, chosen, null, NotBefore(op));
                }

                // A manager's earliest start delays this operation and what follows it in the order.
                earliest = Math.Max(earliest, pin?.NotBefore ?? earliest);
                var qualified = skill is null ? [] : Certified(skill, op.MinSkillLevel);
                if (skill is not null && qualified.Count == 0)
                {
                    problem = $"{order.Id} op {op.Sequence}: no clocked-in worker holds '{skill}' at level {Math.Max(1, op.MinSkillLevel)} with a valid certification";
                    break;
                }

                // An operation must end before its worker's certification expires; one that cannot, even started as early
                // as its order allows, has no place in any plan and would make the whole site's plan infeasible (#11).
                if (skill is not null && qualified.Max() is var latest && latest - duration < earliest)
                {
                    problem = $"{order.Id} op {op.Sequence}: takes {TimeSpan.FromSeconds(duration)}, longer than any qualified worker's " +
                              $"'{skill}' certification lasts from its earliest start (the latest is valid until {Time(latest):O})";
                    break;
                }

                earliest += duration;

                operations.Add(operation);
                if (pin is not null)
                {
                    pinned.Add(pin);
                }
            }

            if (problem is not null)
            {
                unplanned.Add(problem);
                continue;
            }

            if (operations.Count > 0)
            {
                jobs.Add(new Job(order.Id, operations, 0, Seconds(order.DueDate), Math.Max(1, order.Priority)));
            }
        }

        var known = jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var built = new SchedulingProblem(machines, jobs, workers, frozen.Where(f => known.Contains(f.OperationId)).ToList(),
            pinned.Where(p => known.Contains(p.OperationId)).ToList(), ObjectiveKind.WeightedTardinessThenMakespan, start)
        {
            MaintenanceTasks = MaintenanceTasks(plant, now, unplanned),
        };
        return (built, unplanned.ToImmutable());
    }

    /// <summary>
    /// The due maintenance orders without a window as tasks the planners place: each in its due window (the rule is
    /// <see cref="MaintenanceScheduling.DueWindow"/>), with a worker of its skill.
    /// </summary>
    private List<MaintenanceTask> MaintenanceTasks(PlantPicture plant, DateTimeOffset now, ImmutableArray<string>.Builder unplanned)
    {
        var machines = plant.Machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = new List<MaintenanceTask>();
        foreach (var order in (plant.MaintenanceToPlace ?? []).DistinctBy(o => o.OrderId, StringComparer.Ordinal))
        {
            if (!machines.Contains(order.MachineId) || !(order.DurationSeconds > 0))
            {
                unplanned.Add($"maintenance order {order.OrderId}: machine '{order.MachineId}' is not a machine of this site");
                continue;
            }

            var duration = TimeSpan.FromSeconds(order.DurationSeconds);
            var window = MaintenanceScheduling.DueWindow(order.RequestedAt, order.DueBy, duration, now);
            tasks.Add(new MaintenanceTask(order.OrderId, order.MachineId, (long)Math.Ceiling(order.DurationSeconds),
                new TimeWindow(Seconds(window.Start), (long)Math.Ceiling((window.End - Origin).TotalSeconds)), order.Skill));
        }

        return tasks;
    }

    /// <summary>
    /// The plan in force as the floor has it now: what is on a machine at its facts (start, live ETA), and nothing else
    /// before <paramref name="now"/> — an operation planned to start earlier that was not released has not started, so it
    /// is not frozen by the re-plan but planned again from now.
    /// </summary>
    public static SchedulePlan AlignWithFloor(SchedulePlan plan, SchedulingProblem problem, long now)
    {
        var frozen = problem.Frozen.ToDictionary(f => f.OperationId, StringComparer.Ordinal);
        return plan with
        {
            Operations = [.. plan.Operations.Select(o =>
                frozen.TryGetValue(o.OperationId, out var f) ? o with { MachineId = f.MachineId, WorkerId = f.WorkerId, Start = f.Start, End = f.End }
                : o.Start < now ? o with { Start = now, End = now + (o.End - o.Start) }
                : o)],
        };
    }

    /// <summary>The plan in force as the scheduling model sees it, limited to operations the problem still has.</summary>
    public SchedulePlan ToPlan(IEnumerable<PlannedOperationView> operations, SchedulingProblem problem) => ToPlan(operations, [], problem);

    /// <summary>
    /// The plan in force as the scheduling model sees it, with its placed maintenance, limited to the operations and
    /// maintenance tasks the problem still has.
    /// </summary>
    public SchedulePlan ToPlan(IEnumerable<PlannedOperationView> operations, IEnumerable<PlannedMaintenanceView> maintenance, SchedulingProblem problem)
    {
        var known = problem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var tasks = problem.MaintenanceTasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        return new SchedulePlan(operations
            .Select(o => new ScheduledOperation(OperationId(o.WorkOrderId, o.Sequence), o.WorkOrderId, o.MachineId, o.WorkerId, Seconds(o.Start), Seconds(o.End)))
            .Where(o => known.Contains(o.OperationId))
            .ToList())
        {
            Maintenance = [.. maintenance.Where(m => tasks.Contains(m.OrderId))
                .Select(m => new ScheduledMaintenance(m.OrderId, m.MachineId, m.WorkerId, Seconds(m.Start), Seconds(m.End)))],
        };
    }

    /// <summary>
    /// Where <paramref name="plan"/>, a plan for <paramref name="solved"/>, placed the maintenance, as views. A slot of
    /// <paramref name="before"/> whose order is still to place but is no task of <paramref name="solved"/> was held as fixed
    /// time because it had begun (see <c>Replanner.FreezeStarted</c>): it stays as it was.
    /// </summary>
    public ImmutableArray<PlannedMaintenanceView> ToMaintenanceViews(
        SchedulePlan plan, SchedulingProblem solved, IEnumerable<PlannedMaintenanceView> before, IReadOnlySet<string> toPlace)
    {
        var tasks = solved.MaintenanceTasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var placed = plan.Maintenance.Where(m => tasks.Contains(m.TaskId) && toPlace.Contains(m.TaskId))
            .Select(m => new PlannedMaintenanceView(m.TaskId, m.MachineId, m.WorkerId, Time(m.Start), Time(m.End)));
        var held = before.Where(m => toPlace.Contains(m.OrderId) && !tasks.Contains(m.OrderId));
        return [.. placed.Concat(held).OrderBy(m => m.Start).ThenBy(m => m.OrderId, StringComparer.Ordinal)];
    }

    /// <summary>Why each maintenance task of <paramref name="plan"/> has no slot, as the plan's unplanned lines.</summary>
    public static IEnumerable<string> UnplannedMaintenance(SchedulePlan plan) =>
        plan.UnplannedMaintenance.Select(u => $"maintenance order {u.TaskId}: {u.Reason}");

    public ImmutableArray<PlannedOperationView> ToViews(SchedulePlan plan, SchedulingProblem problem)
    {
        var pinned = problem.Pinned.Select(p => p.OperationId).ToHashSet(StringComparer.Ordinal);
        return plan.Operations
            .OrderBy(o => o.Start).ThenBy(o => o.MachineId, StringComparer.Ordinal)
            .Select(o => ToView(o, pinned.Contains(o.OperationId)))
            .ToImmutableArray();
    }

    public PlannedOperationView ToView(ScheduledOperation o, bool pinned)
    {
        var hash = o.OperationId.LastIndexOf('#');
        return new PlannedOperationView(o.JobId, int.Parse(o.OperationId.AsSpan(hash + 1), System.Globalization.CultureInfo.InvariantCulture),
            o.MachineId, o.WorkerId, Time(o.Start), Time(o.End), pinned);
    }

    public PlanObjectiveView Objective(SchedulingProblem problem, SchedulePlan plan)
    {
        var values = ObjectiveValues.Of(problem, plan);
        var byOp = plan.ByOperation();
        var late = problem.Jobs.Count(j => j.Due is { } due && j.Operations.Count > 0 &&
            j.Operations.Max(o => byOp.TryGetValue(o.Id, out var s) ? s.End : 0) > due);
        return new PlanObjectiveView(values.WeightedTardiness, Time(values.Makespan), late);
    }
}
