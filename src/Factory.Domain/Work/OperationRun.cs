namespace Factory.Domain.Work;

/// <summary>
/// One stretch of an operation on one machine: from its release to its end (completed, interrupted or cancelled), with the
/// good and scrap parts the machine made for it. An operation interrupted and released again has several runs.
/// </summary>
/// <param name="WorkerId">Who ran it (the planned worker at release), or null when no one was needed.</param>
/// <param name="StartedAt">When the machine began producing it (null while only released).</param>
/// <param name="EndedAt">When the run ended; null while it is open.</param>
/// <param name="Outcome">How the run ended; null while it is open.</param>
/// <param name="Note">Why it ended, when a person or a failure ended it.</param>
public sealed record OperationRun(
    string MachineId,
    string? WorkerId,
    DateTimeOffset ReleasedAt,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null,
    long Good = 0,
    long Scrap = 0,
    OperationStatus? Outcome = null,
    string? Note = null)
{
    /// <summary>When its counts last rose (with <see cref="StartedAt"/>, the rate the run shows).</summary>
    public DateTimeOffset? CountedAt { get; init; }

    /// <summary>The run is still under way (released or running).</summary>
    public bool IsOpen => EndedAt is null;
}
