using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Replanning;

/// <summary>How re-planning treats the operation a failure interrupted.</summary>
/// <param name="WaitThreshold">
/// When the expected repair takes at most this long, the interrupted operation waits for its machine (and keeps its worker)
/// and restarts there after the repair; otherwise it is free to restart on any capable machine with any qualified worker.
/// </param>
/// <param name="KeepAssignments">
/// When true, work that was not on the failed machine keeps its machine in the constructive re-plan (its times may move,
/// and its worker only changes when the current one is no longer the earliest choice), so the failed machine's work is
/// what moves between machines. Pinning workers too was measured to cascade delays across shift boundaries, so they stay
/// free. When false everything not started is re-dispatched, ties still going to the current machine and worker. Either
/// way <see cref="ReplanResult.Problem"/> carries no such pins, so an improving solver may still reassign anything.
/// </param>
/// <param name="Slack">
/// How much later (in the problem's time unit) an operation may finish on its current machine with its current worker than
/// on the earliest choice and still keep them. Zero keeps them only on ties. A little slack spares the floor needless
/// moves (every changed worker is a person who must be told to go elsewhere); the plan with slack is taken only when its
/// objective is no worse than the plan without.
/// </param>
/// <param name="Planning">The constructive planner's search budget (null: <see cref="ConstructiveOptions.Replan"/>).</param>
/// <param name="HoldMargin">
/// When set (with <see cref="KeepAssignments"/>), the plan in force repaired by <see cref="PlanRepair"/> (every operation
/// that can keeps its machine and its worker; only times move) is the answer unless the re-dispatch improves on it by at
/// least this much (by anything at zero); then the repair that hands work on where staying costs more than
/// <see cref="Slack"/>, on the same condition; else the re-dispatch. The plan holds still for changes too small to be worth
/// re-sequencing the floor. Null always takes the re-dispatch.
/// </param>
public sealed record ReplanPolicy(
    long WaitThreshold = 0, bool KeepAssignments = true, long Slack = 0, ConstructiveOptions? Planning = null, long? HoldMargin = null)
{
    /// <summary>Always restart elsewhere (never wait); keep other assignments.</summary>
    public static ReplanPolicy RestartElsewhere { get; } = new(-1);

    /// <summary>Always wait for the repair; keep other assignments.</summary>
    public static ReplanPolicy AlwaysWait { get; } = new(long.MaxValue);
}
