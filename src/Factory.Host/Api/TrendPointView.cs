using Factory.Domain.History;

namespace Factory.Host.Api;

/// <summary>One raw sample (count 1, min = max) or one bucket of a tag's trend.</summary>
public sealed record TrendPointView(DateTimeOffset At, double Min, double Max, double Mean, double First, double Last, long Count)
{
    public static TrendPointView From(TrendPoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new(p.At, p.Min, p.Max, p.Mean, p.First, p.Last, p.Count);
    }
}
