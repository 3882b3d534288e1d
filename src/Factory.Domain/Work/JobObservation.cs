using Factory.Domain.PackMl;

namespace Factory.Domain.Work;

/// <summary>What a machine shows at one moment, as far as its job is concerned.</summary>
/// <param name="StateSince">When the current state began (the PLC's SourceTimestamp).</param>
/// <param name="UnavailableReason">Why the machine cannot work now, or null when it can.</param>
/// <param name="GoodReading">The PLC's cumulative good counter, when this observation carries it.</param>
/// <param name="ScrapReading">The PLC's cumulative scrap counter, when this observation carries it.</param>
/// <param name="PlcJobId">The job the PLC says it runs, when the tag map reads one ("" for none); null when it does not.</param>
/// <param name="PlcJobComplete">The PLC's job-complete flag, when the tag map reads one.</param>
public sealed record JobObservation(
    PackMlState State,
    DateTimeOffset StateSince,
    string? UnavailableReason,
    long? GoodReading,
    long? ScrapReading,
    string? PlcJobId,
    bool? PlcJobComplete,
    DateTimeOffset At)
{
    /// <summary>
    /// The PLC's count of good parts for the job it reports (<see cref="PlcJobId"/>), read while it reported that job;
    /// null when its tag map reads none or no count for that job has arrived yet.
    /// </summary>
    public long? PlcJobGood { get; init; }

    /// <summary>
    /// The PLC counts the good parts of its jobs (its tag map reads a job count): then that count alone says what a job made,
    /// zero until a count for the job arrives.
    /// </summary>
    public bool PlcCountsJobs { get; init; }
}
