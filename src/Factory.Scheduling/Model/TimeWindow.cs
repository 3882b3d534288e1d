namespace Factory.Scheduling.Model;

/// <summary>A half-open time window [<see cref="From"/>, <see cref="To"/>) in the caller's time unit.</summary>
/// <param name="From">First instant inside the window.</param>
/// <param name="To">First instant after the window.</param>
public sealed record TimeWindow(long From, long To)
{
    /// <summary>Length of the window (zero or negative windows are empty).</summary>
    public long Length => To - From;

    /// <summary>True when [start, end) shares at least one instant with this window.</summary>
    public bool Overlaps(long start, long end) => start < To && From < end && start < end;

    /// <summary>True when [start, end) lies entirely inside this window.</summary>
    public bool Contains(long start, long end) => From <= start && end <= To;

    /// <inheritdoc />
    public override string ToString() => $"[{From}, {To})";
}
