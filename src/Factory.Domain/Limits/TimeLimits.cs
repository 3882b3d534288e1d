namespace Factory.Domain.Limits;

/// <summary>
/// The instants and spans the plant accepts from outside (API, plant files). Everything the model computes with
/// stays far from <see cref="DateTimeOffset.MinValue"/> and <see cref="DateTimeOffset.MaxValue"/>, so sums, shift
/// expansions and searches cannot overflow; a time outside these bounds is a typing error, not a plan.
/// </summary>
public static class TimeLimits
{
    /// <summary>The earliest instant accepted: 2000-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The latest instant accepted: 2100-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset Latest = new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The longest planned stop: 366 days.</summary>
    public static readonly TimeSpan LongestPlannedStop = TimeSpan.FromDays(366);

    /// <summary>
    /// How far in the past a requested earliest start may lie and still mean "as soon as possible": a drop at the
    /// now-line, a client's clock a little behind, the time the request took. Further back is refused as a mistake.
    /// </summary>
    public static readonly TimeSpan PastTolerance = TimeSpan.FromMinutes(10);

    /// <summary>How far ahead a manager may put off an operation (a requested earliest start): 90 days, beyond any plan the site makes.</summary>
    public static readonly TimeSpan LongestDeferral = TimeSpan.FromDays(90);

    /// <summary>Whether <paramref name="at"/> lies within [<see cref="Earliest"/>, <see cref="Latest"/>].</summary>
    public static bool InRange(DateTimeOffset at) => at >= Earliest && at <= Latest;

    /// <summary>The problem with <paramref name="at"/> as <paramref name="what"/>, naming the limit; null when it is within range.</summary>
    public static string? Check(DateTimeOffset at, string what) => InRange(at)
        ? null
        : $"{what} {at:O} is outside the accepted range {Earliest:O} to {Latest:O}";
}
