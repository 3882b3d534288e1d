using Factory.Domain.Plant;

namespace Factory.Domain.Work;

/// <summary>
/// The job a machine holds: one run of one operation, from its release until the machine takes the next job. Parts are
/// counted from the PLC's cumulative counters against the baseline read at release (see <see cref="PartCounter"/>), or from the
/// PLC's own count for the job when it reports one.
/// </summary>
/// <param name="Quantity">Good parts this run must make (what was left of the operation at release).</param>
/// <param name="Program">PLC program or recipe, written with the job; null for none.</param>
public sealed record MachineJob(
    string WorkOrderId,
    int Sequence,
    string OperationName,
    string Product,
    long Quantity,
    string? Program,
    string? WorkerId,
    DateTimeOffset ReleasedAt)
{
    public JobPhase Phase { get; init; } = JobPhase.Released;

    /// <summary>When the machine began producing it.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it finished.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// The machine left the run this job finished in (it stopped, or was never in Execute when the job finished). From then
    /// on a run is somebody else's (an operator running the machine free), and nothing stops it for this finished job.
    /// </summary>
    public bool RunEnded { get; init; }

    /// <summary>When its counts last rose.</summary>
    public DateTimeOffset? CountedAt { get; init; }

    public PartCounter GoodCounter { get; init; }

    public PartCounter ScrapCounter { get; init; }

    /// <summary>
    /// The PLC's own count of good parts for this job, once it reported one; from then on it, not the cumulative counter,
    /// says how many good parts the job made (the cumulative counter may hold a part made just before the PLC took the job).
    /// </summary>
    public PartCounter? PlcGoodCounter { get; init; }

    /// <summary>Why parts are not credited to it now (the PLC reports another job), or null.</summary>
    public string? Mismatch { get; init; }

    /// <summary>The id written to the PLC's job tag and expected back from it.</summary>
    public string Id => JobIds.Of(WorkOrderId, Sequence);

    public long Good => PlcGoodCounter?.Counted ?? GoodCounter.Counted;

    public long Scrap => ScrapCounter.Counted;

    /// <summary>Good parts still to make (what a PLC that lost the job is given again).</summary>
    public long Left => Math.Max(0, Quantity - Good);

    /// <summary>Finished: the machine may take the next job.</summary>
    public bool IsFinished => Phase == JobPhase.Finished;
}
