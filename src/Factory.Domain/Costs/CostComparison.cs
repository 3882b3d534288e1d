namespace Factory.Domain.Costs;

/// <summary>Actual (and planned) cost of something against its budget.</summary>
/// <param name="Actual">What ran so far.</param>
/// <param name="Planned">What it costs when the rest runs as planned (what ran, plus the plan's slots for the rest); null when there is no plan for it.</param>
/// <param name="Budget">Its budget; null when it has none.</param>
public sealed record CostComparison(CostBreakdown Actual, CostBreakdown? Planned, decimal? Budget)
{
    /// <summary>Actual minus budget: positive is over budget; null without a budget.</summary>
    public decimal? Variance => Budget is { } b ? Actual.Total - b : null;

    /// <summary>Planned minus budget: positive means the plan ends over budget; null without a budget or plan.</summary>
    public decimal? PlannedVariance => Budget is { } b && Planned is { } p ? p.Total - b : null;

    public bool OverBudget => Variance > 0;

    /// <summary>The same comparison in cents, so the variance shown is the one of the amounts shown.</summary>
    public CostComparison Rounded() => new(Actual.Rounded(), Planned?.Rounded(), Budget is { } b ? Math.Round(b, 2, MidpointRounding.AwayFromZero) : null);
}
