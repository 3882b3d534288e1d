namespace Factory.Scheduling.Replanning;

/// <summary>How re-planning treats the operation a failure interrupted.</summary>
/// <param name="WaitThreshold">
/// When the expected repair takes at most this long, the interrupted operation waits for its machine (and keeps its worker)
/// and restarts there after the repair; otherwise it is free to restart on any capable machine with any qualified worker.
/// </param>
public sealed record ReplanPolicy(long WaitThreshold = 0)
{
    /// <summary>Always restart elsewhere (never wait).</summary>
    public static ReplanPolicy RestartElsewhere { get; } = new(-1);

    /// <summary>Always wait for the repair.</summary>
    public static ReplanPolicy AlwaysWait { get; } = new(long.MaxValue);
}
