namespace Factory.Domain.History;

/// <summary>
/// The one rule for downsampling: time-ordered points (raw samples or finer rollups) merged into aligned buckets
/// of a width. The rollup job (raw into minutes, minutes into hours) and trend queries both use it, so a bucket
/// read from rollups equals the bucket computed from the raw samples.
/// </summary>
public static class TrendBuckets
{
    /// <summary>Merges <paramref name="ordered"/> (ascending by time) into buckets of <paramref name="width"/> aligned to the epoch.</summary>
    public static List<TrendPoint> Merge(IEnumerable<TrendPoint> ordered, TimeSpan width)
    {
        ArgumentNullException.ThrowIfNull(ordered);
        var builder = new TrendBucketBuilder(width);
        var buckets = new List<TrendPoint>();
        foreach (var point in ordered)
        {
            if (builder.Add(point) is { } closed)
            {
                buckets.Add(closed);
            }
        }

        if (builder.Flush() is { } last)
        {
            buckets.Add(last);
        }

        return buckets;
    }
}
