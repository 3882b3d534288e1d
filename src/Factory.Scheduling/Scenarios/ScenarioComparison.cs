using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;

namespace Factory.Scheduling.Scenarios;

/// <summary>A scenario's plan against the live plan.</summary>
/// <param name="Live">The live plan's figures (live due dates and weights).</param>
/// <param name="Scenario">The scenario plan's figures (the scenario's due dates and weights).</param>
/// <param name="MachineChanges">Operations of both plans that run on another machine in the scenario.</param>
/// <param name="WorkerChanges">Operations of both plans that another worker runs in the scenario.</param>
/// <param name="Moves">Every operation whose machine, worker or time differs (Before null for a rush order's operations).</param>
/// <param name="Orders">Per job: when it ends in each plan and whether it is late there.</param>
public sealed record ScenarioComparison(
    PlanFigures Live,
    PlanFigures Scenario,
    int MachineChanges,
    int WorkerChanges,
    IReadOnlyList<OperationMove> Moves,
    IReadOnlyList<OrderOutcome> Orders)
{
    /// <summary>Compares <paramref name="scenarioPlan"/> (for <paramref name="scenarioProblem"/>) with <paramref name="livePlan"/> (for <paramref name="liveProblem"/>).</summary>
    public static ScenarioComparison Compare(SchedulingProblem liveProblem, SchedulePlan livePlan, SchedulingProblem scenarioProblem, SchedulePlan scenarioPlan)
    {
        ArgumentNullException.ThrowIfNull(liveProblem);
        ArgumentNullException.ThrowIfNull(livePlan);
        ArgumentNullException.ThrowIfNull(scenarioProblem);
        ArgumentNullException.ThrowIfNull(scenarioPlan);
        var moves = Replanner.Diff(livePlan, scenarioPlan);
        var live = livePlan.ByOperation();
        var scenario = scenarioPlan.ByOperation();
        var liveJobs = liveProblem.Jobs.ToDictionary(j => j.Id, StringComparer.Ordinal);
        var orders = scenarioProblem.Jobs
            .Select(j => new OrderOutcome(
                j.Id,
                liveJobs.TryGetValue(j.Id, out var lj) ? End(lj, live) : null,
                End(j, scenario),
                lj?.Due,
                j.Due))
            .ToList();
        return new ScenarioComparison(
            PlanFigures.Of(liveProblem, livePlan),
            PlanFigures.Of(scenarioProblem, scenarioPlan),
            moves.Count(m => m.Before is not null && m.MachineChanged),
            moves.Count(m => m.Before is not null && m.WorkerChanged),
            moves,
            orders);
    }

    private static long? End(Job job, IReadOnlyDictionary<string, ScheduledOperation> plan)
    {
        long? end = null;
        foreach (var op in job.Operations)
        {
            if (plan.TryGetValue(op.Id, out var s))
            {
                end = Math.Max(end ?? long.MinValue, s.End);
            }
        }

        return end;
    }
}
