namespace Factory.Domain.Oee;

/// <summary>A half-open span of time [<see cref="Start"/>, <see cref="End"/>).</summary>
public readonly record struct TimeRange
{
    /// <summary>Creates a range; refuses an end before the start rather than silently swapping.</summary>
    public TimeRange(DateTimeOffset start, DateTimeOffset end)
    {
        if (end < start)
        {
            throw new ArgumentException($"range end {end:O} is before its start {start:O}", nameof(end));
        }

        Start = start;
        End = end;
    }

    public DateTimeOffset Start { get; }

    public DateTimeOffset End { get; }

    public TimeSpan Duration => End - Start;

    public bool IsEmpty => End <= Start;

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    public bool Overlaps(TimeRange other) => other.Start < End && Start < other.End;

    /// <summary>The common part, or null when the ranges do not overlap.</summary>
    public TimeRange? Intersect(TimeRange other)
    {
        var start = Start > other.Start ? Start : other.Start;
        var end = End < other.End ? End : other.End;
        return end > start ? new TimeRange(start, end) : null;
    }

    /// <summary>
    /// The part of the range from <paramref name="observedSince"/> on: time before the plant was first observed is
    /// unknown to it and must not count (as idle cost, budget or lost time); an empty range at the end when the
    /// observation began after it, the whole range when it began before or is not known.
    /// </summary>
    public TimeRange ObservedFrom(DateTimeOffset? observedSince) =>
        observedSince is not { } since || since <= Start ? this : new TimeRange(since < End ? since : End, End);

    /// <summary>
    /// The range cut at each UTC midnight inside it, oldest first: whole UTC days, with a part day at either end when the
    /// range does not start or end at midnight. Empty for an empty range.
    /// </summary>
    public IEnumerable<TimeRange> UtcDays()
    {
        var start = Start;
        while (start < End)
        {
            var midnight = new DateTimeOffset(start.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);
            var end = midnight < End ? midnight : End;
            yield return new TimeRange(start, end);
            start = end;
        }
    }

    public override string ToString() => $"[{Start:O}, {End:O})";
}
