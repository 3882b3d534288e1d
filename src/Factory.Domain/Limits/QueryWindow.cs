namespace Factory.Domain.Limits;

/// <summary>
/// The window [<see cref="From"/>, <see cref="To"/>) a query reads, checked by one policy for every query of the API
/// and the hub: both ends within <see cref="TimeLimits"/>, <c>to</c> after <c>from</c>, and no longer than the longest
/// span the query allows. The spans differ by what a query reads, not by who wrote it: see
/// <see cref="Detail"/>, <see cref="Log"/> and <see cref="Rollup"/>.
/// </summary>
/// <param name="From">The start, inclusive.</param>
/// <param name="To">The end, exclusive; after <paramref name="From"/>.</param>
public sealed record QueryWindow(DateTimeOffset From, DateTimeOffset To)
{
    /// <summary>Queries that answer one row per item over time (plans, shifts, state stretches, scenarios): 31 days.</summary>
    public static readonly TimeSpan Detail = TimeSpan.FromDays(31);

    /// <summary>Queries that read the machines' raw logs (alarm history and analytics, staff, costs): 62 days, what a log keeps.</summary>
    public static readonly TimeSpan Log = TimeSpan.FromDays(62);

    /// <summary>Queries that sum into figures (KPIs, downtime and its Pareto): 400 days, a year and its comparison month.</summary>
    public static readonly TimeSpan Rollup = TimeSpan.FromDays(400);

    /// <summary>How long the window is.</summary>
    public TimeSpan Length => To - From;

    /// <summary>
    /// The problem with the window [<paramref name="from"/>, <paramref name="to"/>) for a query allowing at most
    /// <paramref name="longest"/>, naming the limit; null when the window is acceptable.
    /// </summary>
    public static string? Problem(DateTimeOffset from, DateTimeOffset to, TimeSpan longest) =>
        TimeLimits.Check(from, "'from'")
        ?? TimeLimits.Check(to, "'to'")
        ?? (to <= from || to - from > longest ? $"'from' must be before 'to' and the window at most {longest.TotalDays:0.##} days" : null);

    /// <summary>
    /// The window of a query that may leave out either end: <paramref name="to"/> defaults to <paramref name="now"/>
    /// and <paramref name="from"/> to <paramref name="fallback"/> before <c>to</c>. Returns the window, or the problem with it.
    /// </summary>
    public static (QueryWindow? Window, string? Problem) Of(DateTimeOffset? from, DateTimeOffset? to, TimeSpan fallback, TimeSpan longest, DateTimeOffset now)
    {
        var end = to ?? now;
        var start = from ?? end - fallback;
        return Problem(start, end, longest) is { } problem ? (null, problem) : (new QueryWindow(start, end), null);
    }

    /// <summary>The window [<paramref name="from"/>, <paramref name="to"/>), both required; or the problem with it.</summary>
    public static (QueryWindow? Window, string? Problem) Of(DateTimeOffset? from, DateTimeOffset? to, TimeSpan longest) =>
        from is not { } start || to is not { } end
            ? (null, $"'from' and 'to' are required, at most {longest.TotalDays:0.##} days apart")
            : Problem(start, end, longest) is { } problem ? (null, problem) : (new QueryWindow(start, end), null);
}
