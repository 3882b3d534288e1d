using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Replanning;

/// <summary>The outcome of a re-plan.</summary>
/// <param name="Problem">
/// The problem as it now stands (started operations frozen, plan start at the re-planning instant, the failure window added,
/// the interrupted operation pinned when it waits). Hand it to <see cref="CpSatSolver"/> with <see cref="Plan"/> as the hint
/// to improve the plan, and check later plans against it.
/// </param>
/// <param name="Result">The solver result for <paramref name="Problem"/>.</param>
/// <param name="Moves">Operations whose machine, worker or time changed against the previous plan.</param>
/// <param name="Interrupted">Operations that were running on the failed machine (empty for other triggers).</param>
public sealed record ReplanResult(
    SchedulingProblem Problem,
    SolveResult Result,
    IReadOnlyList<OperationMove> Moves,
    IReadOnlyList<string> Interrupted)
{
    /// <summary>The new plan, or null when none exists.</summary>
    public SchedulePlan? Plan => Result.Plan;
}
