namespace Factory.Scheduling.Solvers;

/// <summary>
/// Which of the operations competing for a machine the dispatcher lets go first (a priority rule of the active-schedule
/// generation). Different rules win on different shops, so the constructive planner tries several and keeps the best.
/// </summary>
internal enum DispatchRule
{
    /// <summary>Weighted slack to the due date (when tardiness counts), then most work remaining: the dispatcher's own rule.</summary>
    UrgencyThenWorkRemaining,

    /// <summary>Most work remaining in the job (MWKR).</summary>
    WorkRemaining,

    /// <summary>Most operations remaining in the job (MOPNR), then most work remaining.</summary>
    OperationsRemaining,

    /// <summary>Shortest operation first (SPT), then most work remaining.</summary>
    ShortestOperation,

    /// <summary>Earliest due date, then higher weight, then most work remaining.</summary>
    EarliestDue,
}
