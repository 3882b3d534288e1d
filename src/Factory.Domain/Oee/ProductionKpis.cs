namespace Factory.Domain.Oee;

/// <summary>
/// ISO 22400-2 KPIs of a window, computed from summed time elements and counts (aggregation over
/// machines, lines, shifts sums these first and takes ratios after). A ratio whose denominator is zero is
/// null, never NaN or infinity:
/// <list type="bullet">
/// <item>PBT = 0: availability, OEE and throughput are null.</item>
/// <item>APT = 0: effectiveness is null; OEE is 0 when PBT &gt; 0 (nothing ran in planned time).</item>
/// <item>PQ = 0: quality, scrap and rework ratios are null; OEE is 0 when PBT &gt; 0.</item>
/// <item>APT + ADET = 0: technical efficiency is null. No failures: MTBF and MTTR are null.</item>
/// </list>
/// </summary>
/// <param name="Failures">Number of failures (runs of ADOT) that began in the window.</param>
public sealed record ProductionKpis(TimeElementTotals Time, ProductionTotals Output, int Failures)
{
    public static ProductionKpis Zero { get; } = new(TimeElementTotals.Zero, ProductionTotals.Zero, 0);

    /// <summary>A = APT / PBT.</summary>
    public double? Availability => Ratio(Time.Apt.Ticks, Time.Pbt.Ticks);

    /// <summary>E = Σ(PRIᵢ × PQᵢ) / APT.</summary>
    public double? Effectiveness => Time.Apt > TimeSpan.Zero
        ? (double)(Output.IdealSecondsProduced * TimeSpan.TicksPerSecond / Time.Apt.Ticks)
        : null;

    /// <summary>QR = GQ / PQ.</summary>
    public double? QualityRatio => Ratio(Output.Good, Output.Produced);

    /// <summary>
    /// OEE = A × E × QR; 0 when PBT &gt; 0 but nothing was produced or nothing ran. Equals Σ(PRI × GQ) / PBT
    /// when one PRI applies to the whole window.
    /// </summary>
    public double? Oee => Time.Pbt <= TimeSpan.Zero
        ? null
        : Availability is { } a && Effectiveness is { } e && QualityRatio is { } q ? a * e * q : 0d;

    /// <summary>APT / (APT + ADET).</summary>
    public double? TechnicalEfficiency => Ratio(Time.Apt.Ticks, (Time.Apt + Time.Adet).Ticks);

    /// <summary>SQ / PQ.</summary>
    public double? ScrapRatio => Ratio(Output.Scrap, Output.Produced);

    /// <summary>RQ / PQ.</summary>
    public double? ReworkRatio => Ratio(Output.Rework, Output.Produced);

    /// <summary>
    /// Mean operating time (APT) between failures; null without failures, and null when the machine did not operate
    /// at all (a machine that failed before it ran has no time between failures: "0 s" would read as failing at once).
    /// </summary>
    public TimeSpan? Mtbf => Failures > 0 && Time.Apt > TimeSpan.Zero ? TimeSpan.FromTicks(Time.Apt.Ticks / Failures) : null;

    /// <summary>Mean time to restore (ADOT per failure); null without failures.</summary>
    public TimeSpan? Mttr => Failures > 0 ? TimeSpan.FromTicks(Time.Adot.Ticks / Failures) : null;

    /// <summary>Produced items per hour of planned busy time.</summary>
    public double? ThroughputPerHour => Time.Pbt > TimeSpan.Zero ? Output.Produced / Time.Pbt.TotalHours : null;

    /// <summary>Share of PBT the data could not classify (disconnected, stale); shown so a gap is never mistaken for running.</summary>
    public double? UnknownShare => Ratio(Time.Unknown.Ticks, Time.Pbt.Ticks);

    public static ProductionKpis operator +(ProductionKpis a, ProductionKpis b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(a.Time + b.Time, a.Output + b.Output, a.Failures + b.Failures);
    }

    /// <summary>Sums machines, lines, shifts or orders: time elements and counts add, ratios are taken after.</summary>
    public static ProductionKpis Sum(IEnumerable<ProductionKpis> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return parts.Aggregate(Zero, (total, part) => total + part);
    }

    private static double? Ratio(long numerator, long denominator) => denominator > 0 ? (double)numerator / denominator : null;
}
