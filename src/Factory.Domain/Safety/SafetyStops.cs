namespace Factory.Domain.Safety;

/// <summary>Turns safety tag values into safety events.</summary>
public static class SafetyStops
{
    /// <summary>
    /// A safety tag reported <paramref name="tripped"/> at <paramref name="at"/>. Returns the event to log and
    /// publish: a new open event when the tag trips and none is open, the closed event when it releases, or
    /// null when nothing changed (a repeated value).
    /// </summary>
    /// <param name="open">The event currently open for this machine and tag, or null.</param>
    public static SafetyEvent? Track(SafetyEvent? open, string machineId, SafetyStopKind kind, string source, bool tripped, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (open is not null && !open.IsOpen)
        {
            open = null;
        }

        if (tripped)
        {
            return open is null ? new SafetyEvent(machineId, kind, source, at) : null;
        }

        // A release stamped before the trip (clock skew between sources) closes the event at its start, never earlier.
        return open is null ? null : open with { End = at < open.Start ? open.Start : at };
    }
}
