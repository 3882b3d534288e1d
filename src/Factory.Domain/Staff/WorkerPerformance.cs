namespace Factory.Domain.Staff;

/// <summary>A worker's time and output against standard over a window.</summary>
/// <param name="Actual">Time spent on the operations.</param>
/// <param name="Standard">Their standard durations added up.</param>
public sealed record WorkerPerformance(string WorkerId, int Operations, TimeSpan Actual, TimeSpan Standard, long Good, long Scrap)
{
    /// <summary>Standard ÷ actual (1.0 = on standard, above is faster); null when no time was recorded.</summary>
    public double? Efficiency => Actual > TimeSpan.Zero ? (double)Standard.Ticks / Actual.Ticks : null;

    /// <summary><see cref="Efficiency"/> in percent.</summary>
    public double? EfficiencyPercent => Efficiency * 100;

    /// <summary>Good output per hour worked; null when no time was recorded.</summary>
    public double? GoodPerHour => Actual > TimeSpan.Zero ? Good / Actual.TotalHours : null;
}
