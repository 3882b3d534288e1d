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
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(machineId);
        var frozen = problem.Frozen.Select(f => f.OperationId).ToHashSet(StringComparer.Ordinal);
        var operations = problem.Jobs.SelectMany(j => j.Operations).ToDictionary(o => o.Id, StringComparer.Ordinal);
        var stranded = plan.Operations
            .Where(s => s.MachineId == machineId && !frozen.Contains(s.OperationId))
            .Where(s => operations.TryGetValue(s.OperationId, out var op) && op.Alternatives.All(a => a.MachineId == machineId))
            .OrderBy(s => s.Start)
            .Select(s => s.OperationId)
            .ToList();
        if (stranded.Count == 0)
        {
            return null;
        }

        var names = string.Join(", ", stranded.Take(Named)) + (stranded.Count > Named ? $" and {stranded.Count - Named} more" : "");
        return stranded.Count == 1
            ? $"{names} waits for {machineId}: no other machine can do it"
            : $"{stranded.Count} operations wait for {machineId} ({names}): no other machine can do them";
    }
}
