namespace Factory.Scheduling.Solvers;

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>A plan was found and proven optimal.</summary>
    Optimal,

    /// <summary>A plan was found; it may not be optimal.</summary>
    Feasible,

    /// <summary>The problem has no plan (proven, or the dispatcher found an operation it cannot place).</summary>
    Infeasible,

    /// <summary>No plan was found within the limit.</summary>
    Unknown,
}
