namespace Factory.Grains.State;

/// <summary>What a worker grain persists.</summary>
public sealed class WorkerState
{
    public WorkerSpec? Spec { get; set; }

    public bool ClockedIn { get; set; }

    public DateTimeOffset? ClockedInSince { get; set; }

    public long Version { get; set; }
}
