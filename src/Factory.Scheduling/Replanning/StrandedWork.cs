using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Replanning;

/// <summary>
/// Which planned work stays on a machine that is down because it cannot move, and why — so a re-plan that leaves
/// work on a failed or stopped machine says so instead of looking as if it ignored the stop.
/// </summary>
public static class StrandedWork
{
    /// <summary>How many operation ids one message names before it says "and N more".</summary>
    private const int Named = 5;

    /// <summary>
    /// One message for <paramref name="machineId"/> naming the operations <paramref name="plan"/> keeps on it (not yet
    /// started) that no other machine of <paramref name="problem"/> can do, or null when there are none.
    /// </summary>
    public static string? Explain(SchedulingProblem problem, SchedulePlan plan, string machineId)
    {
        var stranded = Kept(problem, plan, machineId, movable: false);
        return stranded.Count == 0 ? null : Say(stranded, machineId, "no other machine can do it", "no other machine can do them");
    }

    /// <summary>
    /// One message for <paramref name="machineId"/> naming the operations <paramref name="plan"/> keeps on it (not yet
    /// started) although another machine could do them: the planner found they finish sooner waiting for the machine
    /// to be back (<paramref name="expectedBack"/>, as the reader should see it) than elsewhere. Null when there are none.
    /// Without it, work on a stopped machine looks as if the stop had been ignored.
    /// </summary>
    public static string? ExplainWaiting(SchedulingProblem problem, SchedulePlan plan, string machineId, string expectedBack)
    {
        var waiting = Kept(problem, plan, machineId, movable: true);
        return waiting.Count == 0
            ? null
            : Say(waiting, machineId, $"it is expected back at {expectedBack}, and it finishes sooner there than elsewhere",
                $"it is expected back at {expectedBack}, and they finish sooner there than elsewhere");
    }

    // The not-yet-started operations planned on the machine that (movable) another machine could do, or (not) none could.
    private static List<string> Kept(SchedulingProblem problem, SchedulePlan plan, string machineId, bool movable)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(machineId);
        var frozen = problem.Frozen.Select(f => f.OperationId).ToHashSet(StringComparer.Ordinal);
        var operations = problem.Jobs.SelectMany(j => j.Operations).ToDictionary(o => o.Id, StringComparer.Ordinal);
        return [.. plan.Operations
            .Where(s => s.MachineId == machineId && !frozen.Contains(s.OperationId))
            .Where(s => operations.TryGetValue(s.OperationId, out var op) && op.Alternatives.Any(a => a.MachineId != machineId) == movable)
            .OrderBy(s => s.Start)
            .Select(s => s.OperationId)];
    }

    private static string Say(List<string> kept, string machineId, string whyOne, string whyMany)
    {
        var names = string.Join(", ", kept.Take(Named)) + (kept.Count > Named ? $" and {kept.Count - Named} more" : "");
        return kept.Count == 1
            ? $"{names} waits for {machineId}: {whyOne}"
            : $"{kept.Count} operations wait for {machineId} ({names}): {whyMany}";
    }
}
