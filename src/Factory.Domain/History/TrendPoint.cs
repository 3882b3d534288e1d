namespace Factory.Domain.History;

/// <summary>
/// A tag's values in one bucket [<see cref="At"/>, <see cref="At"/> + width): a raw sample is a bucket of one.
/// <see cref="Sum"/> rather than the mean is kept so buckets merge exactly (minute rollups into an hour).
/// </summary>
public sealed record TrendPoint(DateTimeOffset At, double Min, double Max, double First, double Last, double Sum, long Count)
{
    public double Mean => Count == 0 ? double.NaN : Sum / Count;

    /// <summary>A single raw sample.</summary>
    public static TrendPoint Raw(DateTimeOffset at, double value) => new(at, value, value, value, value, value, 1);

    /// <summary>
    /// This bucket followed by <paramref name="later"/> (its values are all later in time), as one bucket starting at this one's start.
    /// </summary>
    public TrendPoint Then(TrendPoint later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return new TrendPoint(At, Math.Min(Min, later.Min), Math.Max(Max, later.Max), First, later.Last, Sum + later.Sum, Count + later.Count);
    }
}
