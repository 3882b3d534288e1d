namespace Factory.Domain.Work;

/// <summary>A machine's job after one observation, and what to tell its work order (oldest first).</summary>
/// <param name="Job">The job now; null when it ended (interrupted) and the machine holds none.</param>
public sealed record JobStep(MachineJob? Job, ImmutableArray<JobReport> Reports)
{
    /// <summary>A mismatch appeared or cleared with this observation.</summary>
    public bool MismatchChanged { get; init; }
}
