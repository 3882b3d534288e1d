namespace Factory.Domain.History;

/// <summary>
/// Merges time-ordered points into aligned buckets one point at a time, so a store can roll up rows as it reads
/// them without holding them all. <see cref="TrendBuckets.Merge"/> is the same rule over a sequence.
/// </summary>
public sealed class TrendBucketBuilder(TimeSpan width)
{
    private readonly TimeSpan _width = width > TimeSpan.Zero ? width : throw new ArgumentOutOfRangeException(nameof(width), "a bucket width must be positive");
    private TrendPoint? _open;

    /// <summary>Adds the next point (not earlier than the previous one); returns the bucket it closed, if any.</summary>
    public TrendPoint? Add(TrendPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var start = HistoryWindow.Align(point.At, _width);
        if (_open is not null && _open.At == start)
        {
            _open = _open.Then(point);
            return null;
        }

        if (_open is not null && start < _open.At)
        {
            throw new ArgumentException($"points must be in time order ({point.At:O} after a bucket at {_open.At:O})", nameof(point));
        }

        var closed = _open;
        _open = point with { At = start };
        return closed;
    }

    /// <summary>The bucket still open, if any (the builder is empty afterwards).</summary>
    public TrendPoint? Flush()
    {
        var open = _open;
        _open = null;
        return open;
    }
}
