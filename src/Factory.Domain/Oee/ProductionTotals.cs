namespace Factory.Domain.Oee;

/// <summary>
/// Output in a window. The ideal times Σ(PRI × quantity) are exact decimal seconds so that sums do not
/// depend on the order they were added in (live and recomputed figures agree to the last digit).
/// </summary>
/// <param name="IdealSecondsProduced">Σ(PRIᵢ × PQᵢ) in seconds.</param>
/// <param name="IdealSecondsGood">Σ(PRIᵢ × GQᵢ) in seconds.</param>
public sealed record ProductionTotals(long Produced, long Good, long Scrap, long Rework, decimal IdealSecondsProduced, decimal IdealSecondsGood)
{
    public static ProductionTotals Zero { get; } = new(0, 0, 0, 0, 0m, 0m);

    /// <summary>Adds one count increment.</summary>
    public ProductionTotals Add(ProductionCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        var pri = count.IdealCycleTime.Ticks / (decimal)TimeSpan.TicksPerSecond;
        return new(
            Produced + count.Produced,
            Good + count.Good,
            Scrap + count.Scrap,
            Rework + count.Rework,
            IdealSecondsProduced + pri * count.Produced,
            IdealSecondsGood + pri * count.Good);
    }

    public static ProductionTotals operator +(ProductionTotals a, ProductionTotals b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.Produced + b.Produced, a.Good + b.Good, a.Scrap + b.Scrap, a.Rework + b.Rework,
            a.IdealSecondsProduced + b.IdealSecondsProduced, a.IdealSecondsGood + b.IdealSecondsGood);
    }
}
