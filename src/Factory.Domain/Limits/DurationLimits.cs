namespace Factory.Domain.Limits;

/// <summary>
/// Durations the plant accepts from outside, given in seconds as JSON numbers. A duration must be finite, positive and
/// at most its limit: beyond <see cref="TimeSpan.MaxValue"/> conversion throws, and far below it sums overflow.
/// </summary>
public static class DurationLimits
{
    /// <summary>The longest standard duration of one operation: 30 days (2,592,000 s).</summary>
    public static readonly TimeSpan LongestOperation = TimeSpan.FromDays(30);

    /// <summary>The problem with <paramref name="seconds"/> as <paramref name="what"/>, naming the limit; null when it is acceptable.</summary>
    public static string? CheckSeconds(double seconds, string what, TimeSpan longest) =>
        double.IsFinite(seconds) && seconds > 0 && seconds <= longest.TotalSeconds
            ? null
            : $"{what} must be a finite number of seconds above 0 and at most {longest.TotalSeconds:0} ({longest.TotalDays:0.##} days)";
}
