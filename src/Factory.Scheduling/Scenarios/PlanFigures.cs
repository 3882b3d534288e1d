using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Scenarios;

/// <summary>What a planner compares between plans.</summary>
/// <param name="LateOrders">Jobs whose last operation ends after their due date.</param>
/// <param name="WeightedTardiness">Sum of weight × lateness.</param>
/// <param name="Makespan">Latest end.</param>
public sealed record PlanFigures(int LateOrders, long WeightedTardiness, long Makespan)
{
    /// <summary>The figures of <paramref name="plan"/> judged by <paramref name="problem"/>'s due dates and weights.</summary>
    public static PlanFigures Of(SchedulingProblem problem, SchedulePlan plan)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(plan);
        var values = ObjectiveValues.Of(problem, plan);
        var byOp = plan.ByOperation();
        var late = problem.Jobs.Count(j => j.Due is { } due && j.Operations.Count > 0 &&
            j.Operations.Max(o => byOp.TryGetValue(o.Id, out var s) ? s.End : 0) > due);
        return new PlanFigures(late, values.WeightedTardiness, values.Makespan);
    }
}
