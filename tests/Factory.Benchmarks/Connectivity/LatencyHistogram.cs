namespace Factory.Benchmarks.Connectivity;

/// <summary>Latencies in 0.1 ms buckets up to 10 s (and one overflow bucket); thread-safe, allocation-free to record.</summary>
internal sealed class LatencyHistogram
{
    private const double BucketMs = 0.1;
    private readonly long[] _buckets = new long[100_001];
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Record(double milliseconds)
    {
        var bucket = (int)Math.Clamp(milliseconds / BucketMs, 0, _buckets.Length - 1);
        Interlocked.Increment(ref _buckets[bucket]);
        Interlocked.Increment(ref _count);
    }

    public void Reset()
    {
        Array.Clear(_buckets);
        Interlocked.Exchange(ref _count, 0);
    }

    /// <summary>The latency below which <paramref name="fraction"/> of the recorded values lie, in ms.</summary>
    public double Percentile(double fraction)
    {
        var target = (long)Math.Ceiling(Count * fraction);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += Interlocked.Read(ref _buckets[i]);
            if (seen >= target && target > 0)
            {
                return (i + 1) * BucketMs;
            }
        }

        return double.NaN;
    }
}
