using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>The outcome of a solve.</summary>
/// <param name="Status">How the solve ended.</param>
/// <param name="Plan">The plan, or null when none was found.</param>
/// <param name="Objective">Objective figures of <paramref name="Plan"/>, or null.</param>
/// <param name="LowerBound">Proven lower bound on the primary objective when the solver gives one (makespan, or weighted tardiness), else null.</param>
/// <param name="Elapsed">Wall time spent.</param>
/// <param name="Message">Why there is no plan, or other notes.</param>
public sealed record SolveResult(
    SolveStatus Status,
    SchedulePlan? Plan,
    ObjectiveValues? Objective,
    long? LowerBound,
    TimeSpan Elapsed,
    string? Message = null)
{
    /// <summary>True when the plan is proven optimal.</summary>
    public bool IsOptimal => Status == SolveStatus.Optimal;

    /// <summary>True when a plan is available.</summary>
    public bool HasPlan => Plan is not null;
}
