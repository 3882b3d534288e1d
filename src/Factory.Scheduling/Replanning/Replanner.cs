using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// Pure re-planning functions for the Dispatcher: freeze what has started, re-plan the rest with the
/// <see cref="ConstructivePlanner"/>, and report what moved.
/// </summary>
public static class Replanner
{
    /// <summary>
    /// Re-plans after <paramref name="failure"/>: operations done or running on other machines stay frozen; the
    /// operation running on the failed machine waits or restarts elsewhere per <paramref name="policy"/>; everything
    /// not started is re-planned from the failure instant.
    /// </summary>
    public static ReplanResult OnMachineFailure(SchedulingProblem problem, SchedulePlan current, MachineFailure failure, ReplanPolicy policy)
    {
        var (next, interrupted) = PrepareFailure(problem, current, failure, policy);
        return policy.KeepAssignments
            ? DispatchKeeping(next, current, interrupted, failure.MachineId, policy.Slack, policy.Planning, policy.HoldMargin)
            : Dispatch(next, current, interrupted, policy.Slack, policy.Planning);
    }

    /// <summary>
    /// Re-plans at <paramref name="now"/> after any other change (a machine returned, a work order or worker changed):
    /// started operations stay frozen, the rest is re-planned. <paramref name="problem"/> must already hold the change.
    /// </summary>
    /// <param name="problem">The problem with the change applied.</param>
    /// <param name="current">The plan in force.</param>
    /// <param name="now">The re-planning instant.</param>
    /// <param name="keepAssignments">
    /// Keep every planned operation's machine (times and, if needed, workers move; new operations choose freely): right for a
    /// new or changed work order. Leave false when capacity came back (a machine returned, a worker clocked in) so work can
    /// move to it. Either way ties go to each operation's current machine and worker.
    /// </param>
    /// <param name="slack">See <see cref="ReplanPolicy.Slack"/>.</param>
    /// <param name="planning">See <see cref="ReplanPolicy.Planning"/>.</param>
    /// <param name="holdMargin">See <see cref="ReplanPolicy.HoldMargin"/> (applies with <paramref name="keepAssignments"/>).</param>
    public static ReplanResult Replan(
        SchedulingProblem problem, SchedulePlan current, long now, bool keepAssignments = false, long slack = 0, ConstructiveOptions? planning = null,
        long? holdMargin = null)
    {
        var next = FreezeStarted(problem, current, now, null);
        return keepAssignments ? DispatchKeeping(next, current, [], null, slack, planning, holdMargin) : Dispatch(next, current, [], slack, planning);
    }

    /// <summary>
    /// The problem to re-plan after a failure, and the interrupted operations: the failure window added to the machine,
    /// started operations elsewhere frozen, plan start at the failure instant, the interrupted operation pinned to its
    /// machine and worker when the repair is short enough to wait for.
    /// </summary>
    public static (SchedulingProblem Problem, IReadOnlyList<string> Interrupted) PrepareFailure(
        SchedulingProblem problem, SchedulePlan current, MachineFailure failure, ReplanPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(policy);
        if (failure.ExpectedRepairAt <= failure.At)
        {
            throw new ArgumentException($"the expected repair ({failure.ExpectedRepairAt}) must come after the failure ({failure.At})", nameof(failure));
        }

        var withWindow = problem.WithUnavailability(failure.MachineId, new TimeWindow(failure.At, failure.ExpectedRepairAt));
        var next = FreezeStarted(withWindow, current, failure.At, failure.MachineId);
        var interrupted = current.Operations
            .Where(s => s.MachineId == failure.MachineId && s.Start < failure.At && failure.At < s.End)
            .Select(s => s)
            .ToList();
        if (interrupted.Count > 0 && failure.RepairDuration <= policy.WaitThreshold)
        {
            var ids = interrupted.Select(s => s.OperationId).ToHashSet(StringComparer.Ordinal);
            next = next with
            {
                Pinned = [.. next.Pinned.Where(p => !ids.Contains(p.OperationId)), .. interrupted.Select(s => new PinnedOperation(s.OperationId, s.MachineId, s.WorkerId))],
            };
        }

        return (next, interrupted.Select(s => s.OperationId).ToList());
    }

    /// <summary>
    /// The problem with every operation that started before <paramref name="now"/> in <paramref name="current"/> frozen
    /// (except those on <paramref name="failedMachine"/> that were still running) and the plan start set to <paramref name="now"/>.
    /// Operations of the plan the problem no longer has are dropped; operations the plan lacks are left free. Maintenance
    /// the plan started before <paramref name="now"/> leaves the tasks and becomes fixed machine and worker time.
    /// </summary>
    public static SchedulingProblem FreezeStarted(SchedulingProblem problem, SchedulePlan current, long now, string? failedMachine)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(current);
        var known = problem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        var frozen = new Dictionary<string, FrozenOperation>(StringComparer.Ordinal);
        foreach (var f in problem.Frozen)
        {
            frozen[f.OperationId] = f;
        }

        foreach (var s in current.Operations)
        {
            if (!known.Contains(s.OperationId) || s.Start >= now)
            {
                continue;
            }

            var interrupted = s.MachineId == failedMachine && s.End > now;
            if (interrupted)
            {
                frozen.Remove(s.OperationId);
                continue;
            }

            frozen[s.OperationId] = new FrozenOperation(s.OperationId, s.MachineId, s.WorkerId, s.Start, s.End);
        }

        // Maintenance that has started is a fact like started work: its machine and worker stay held, it is no task any more.
        var tasks = problem.MaintenanceTasks.Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        var started = current.Maintenance.Where(m => m.Start < now && tasks.Contains(m.TaskId)).ToList();
        var held = started.Count == 0 ? problem : MaintenancePlacement.Blocked(problem, started) with
        {
            MaintenanceTasks = [.. problem.MaintenanceTasks.Where(t => !started.Any(m => m.TaskId == t.Id))],
        };
        return held with { Frozen = [.. frozen.Values], PlanStart = Math.Max(problem.PlanStart, now) };
    }

    /// <summary>Operations whose machine, worker or time differ between <paramref name="before"/> and <paramref name="after"/>.</summary>
    public static IReadOnlyList<OperationMove> Diff(SchedulePlan before, SchedulePlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.ByOperation();
        var moves = new List<OperationMove>();
        foreach (var s in after.Operations)
        {
            old.TryGetValue(s.OperationId, out var b);
            if (b is null || b.MachineId != s.MachineId || b.WorkerId != s.WorkerId || b.Start != s.Start || b.End != s.End)
            {
                moves.Add(new OperationMove(s.OperationId, b, s));
            }
        }

        return moves;
    }

    private static ReplanResult DispatchKeeping(
        SchedulingProblem next, SchedulePlan current, IReadOnlyList<string> interrupted, string? failedMachine, long slack, ConstructiveOptions? planning,
        long? holdMargin)
    {
        // Pin planned work (not on the failed machine) to its machine for the dispatcher only; the returned problem stays
        // unpinned. Workers stay free: pinned workers pushed past the end of their shift cascade into long delays.
        var frozen = next.Frozen.Select(f => f.OperationId).ToHashSet(StringComparer.Ordinal);
        var pinned = next.Pinned.Select(p => p.OperationId).ToHashSet(StringComparer.Ordinal);
        var operations = next.Jobs.SelectMany(j => j.Operations).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var workers = next.Workers.Select(w => w.Id).ToHashSet(StringComparer.Ordinal);

        // Only assignments the changed problem still allows are kept (a work order or worker may have changed).
        var keep = current.Operations
            .Where(s => s.MachineId != failedMachine && !frozen.Contains(s.OperationId) && !pinned.Contains(s.OperationId))
            .Where(s => operations.TryGetValue(s.OperationId, out var op)
                && op.Alternatives.Any(a => a.MachineId == s.MachineId)
                && (s.WorkerId is null ? !op.NeedsWorker : workers.Contains(s.WorkerId)))
            .Select(s => new PinnedOperation(s.OperationId, s.MachineId, null));
        var kept = Dispatch(next with { Pinned = [.. next.Pinned, .. keep] }, current, interrupted, slack, planning);

        // Keeping assignments can be impossible (e.g. a worker's shift or certification ends): re-dispatch freely.
        var dispatched = kept.Plan is null ? Dispatch(next, current, interrupted, slack, planning) : kept with { Problem = next };
        return holdMargin is { } margin ? Stablest(next, current, interrupted, failedMachine, margin, slack, planning, dispatched) : dispatched;
    }

    /// <summary>
    /// The most stable plan that <paramref name="dispatched"/> does not improve on by <paramref name="margin"/> (by anything
    /// when it is zero): first the plan in force repaired with everybody kept where they were (<see cref="PlanRepair"/>, only
    /// times move), then repaired with work handed on where staying costs more than <paramref name="slack"/>, and only then
    /// the re-dispatch. A plan that re-sequences the floor has to earn the moves it costs.
    /// </summary>
    private static ReplanResult Stablest(
        SchedulingProblem next, SchedulePlan current, IReadOnlyList<string> interrupted, string? failedMachine, long margin, long slack,
        ConstructiveOptions? planning, ReplanResult dispatched)
    {
        var best = dispatched.Plan is { } plan ? ObjectiveValues.Of(next, plan) : null;
        foreach (var handOver in new long?[] { null, slack })
        {
            var repair = PlanRepair.Repair(next, current, failedMachine, planning, slack: handOver);
            if (repair.Plan is { } repaired && (best is null || !best.ImprovesOnBy(repair.Objective!, next.Objective, margin)))
            {
                return new ReplanResult(next, repair, Diff(current, repaired), interrupted);
            }
        }

        return dispatched;
    }

    private static ReplanResult Dispatch(SchedulingProblem next, SchedulePlan current, IReadOnlyList<string> interrupted, long slack, ConstructiveOptions? planning)
    {
        // With slack, keeping people where they were is worth it only when the plan is no worse for it: the slack bends
        // single choices, and bent choices can cascade into later work. The planner prefers that plan among equals.
        var result = new ConstructivePlanner(planning ?? ConstructiveOptions.Replan).Solve(next, current, slack);
        // Among the ways to staff the planned times, the one that moves the fewest people: the same plan to the objective.
        if (result.Plan is { } plan)
        {
            result = result with { Plan = WorkerContinuity.Restore(next, plan, current) };
        }

        var moves = result.Plan is null ? [] : Diff(current, result.Plan);
        return new ReplanResult(next, result, moves, interrupted);
    }
}
