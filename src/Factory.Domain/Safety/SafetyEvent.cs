namespace Factory.Domain.Safety;

/// <summary>A safety stop on a machine, from an e-stop or guard tag of the tag map; open while <paramref name="End"/> is null.</summary>
/// <param name="Source">The tag that tripped, e.g. "Press1.EStop".</param>
public sealed record SafetyEvent(string MachineId, SafetyStopKind Kind, string Source, DateTimeOffset Start, DateTimeOffset? End = null)
{
    public bool IsOpen => End is null;

    /// <summary>A stable id for the event: machine, source and start.</summary>
    public string Id => $"{MachineId}/{Source}/{Start.UtcTicks}";

    /// <summary>How long the stop lasted, or has lasted until <paramref name="now"/> while open.</summary>
    public TimeSpan DurationAt(DateTimeOffset now)
    {
        var end = End ?? now;
        return end > Start ? end - Start : TimeSpan.Zero;
    }
}
