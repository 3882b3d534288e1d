using Factory.Connectivity;
using Factory.OpcUa.Encoding;

namespace Factory.Benchmarks.Connectivity;

/// <summary>
/// What a connector applied to grain state during a load run: how many values, and the latency from each value's
/// source timestamp to when it was applied. <see cref="Record"/> is the handler for a connector's <c>Applied</c> event.
/// </summary>
internal sealed class AppliedValues
{
    private long _count;

    public LatencyHistogram Latency { get; } = new();

    public long Count => Interlocked.Read(ref _count);

    public void Record(IReadOnlyList<(TagBinding Binding, DataValue Value)> values, DateTimeOffset at)
    {
        foreach (var (_, value) in values)
        {
            Latency.Record((at.UtcDateTime - DateTime.SpecifyKind(value.SourceTimestamp, DateTimeKind.Utc)).TotalMilliseconds);
        }

        Interlocked.Add(ref _count, values.Count);
    }
}
