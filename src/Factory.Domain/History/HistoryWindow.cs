using Factory.Domain.Limits;

namespace Factory.Domain.History;

/// <summary>
/// A trend query's time window and point budget, checked once here for every store and the API: a bounded span,
/// a bounded number of points, and the bucket width that keeps a 90-day trend as small as a 1-hour one.
/// </summary>
public sealed record HistoryWindow
{
    /// <summary>The longest window one query may span (the hour rollups' default retention).</summary>
    public static readonly TimeSpan MaxSpan = TimeSpan.FromDays(3660);

    public const int DefaultPoints = 800;
    public const int MaxPoints = 10_000;

    private HistoryWindow(DateTimeOffset from, DateTimeOffset to, int points)
    {
        From = from;
        To = to;
        Points = points;
        BucketWidth = WidthFor(to - from, points);
        Source = BucketWidth < TimeSpan.FromMinutes(1) ? HistorySource.Raw
            : BucketWidth.Ticks % TimeSpan.TicksPerHour == 0 ? HistorySource.Hours
            : HistorySource.Minutes;
    }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    /// <summary>At most this many points (raw samples or buckets; aligned buckets may add one at an edge).</summary>
    public int Points { get; }

    /// <summary>The width of a bucket when the raw samples do not fit in <see cref="Points"/>.</summary>
    public TimeSpan BucketWidth { get; }

    public HistorySource Source { get; }

    /// <summary>The window, or why it cannot be answered: from before to, at most <see cref="MaxSpan"/>, 1 to <see cref="MaxPoints"/> points.</summary>
    public static (HistoryWindow? Window, Refusal? Refusal) Create(DateTimeOffset from, DateTimeOffset to, int? points = null)
    {
        var budget = points ?? DefaultPoints;
        if (from == default || to == default)
        {
            return (null, Refusal.Invalid("'from' and 'to' are required (ISO 8601 instants)"));
        }

        if (QueryWindow.Problem(from, to, MaxSpan) is { } problem)
        {
            return (null, Refusal.Invalid(problem));
        }

        if (budget is < 1 or > MaxPoints)
        {
            return (null, Refusal.Invalid($"'points' must be between 1 and {MaxPoints}"));
        }

        return (new HistoryWindow(from.ToUniversalTime(), to.ToUniversalTime(), budget), null);
    }

    /// <summary>The start of the bucket <paramref name="at"/> falls in: buckets are aligned to the epoch, so rollups never straddle two.</summary>
    public DateTimeOffset BucketOf(DateTimeOffset at) => Align(at, BucketWidth);

    /// <summary><paramref name="at"/> rounded down to a multiple of <paramref name="width"/> since the epoch.</summary>
    public static DateTimeOffset Align(DateTimeOffset at, TimeSpan width)
    {
        var ticks = at.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % width.Ticks), TimeSpan.Zero);
    }

    // span / points rounded up: to whole milliseconds below a minute, whole minutes below an hour, whole hours above,
    // so a bucket is always a whole number of the resolution it is read from.
    private static TimeSpan WidthFor(TimeSpan span, int points)
    {
        var ticks = (span.Ticks + points - 1) / points;
        var unit = ticks < TimeSpan.TicksPerMinute ? TimeSpan.TicksPerMillisecond
            : ticks < TimeSpan.TicksPerHour ? TimeSpan.TicksPerMinute
            : TimeSpan.TicksPerHour;
        return TimeSpan.FromTicks(Math.Max(unit, (ticks + unit - 1) / unit * unit));
    }
}
