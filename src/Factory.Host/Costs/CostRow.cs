using Factory.Domain.Costs;

namespace Factory.Host.Costs;

/// <summary>One answer row of <c>GET /api/v1/costs</c>: what a work order, line, site or shift cost against its budget.</summary>
/// <param name="Entity">workorder, line, site or shift.</param>
/// <param name="Name">The product of a work order, the name of a line or site, the shift instance of a shift row.</param>
/// <param name="From">Start of the window; null for a work order (its whole life).</param>
/// <param name="Actual">What ran, by part, rounded to cents.</param>
/// <param name="Planned">What ran plus the plan for the rest (work orders only).</param>
/// <param name="Variance">Actual minus budget: positive is over budget.</param>
public sealed record CostRow(
    string Entity,
    string Id,
    string Name,
    string SiteId,
    string Currency,
    DateTimeOffset? From,
    DateTimeOffset? To,
    CostBreakdown Actual,
    CostBreakdown? Planned,
    decimal? Budget,
    decimal? Variance,
    decimal? PlannedVariance,
    bool OverBudget)
{
    /// <summary>The row of a comparison, amounts rounded to cents once the sums are taken (the variance from the rounded amounts).</summary>
    public static CostRow Of(string entity, string id, string name, string siteId, string currency, DateTimeOffset? from, DateTimeOffset? to, CostComparison c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var r = c.Rounded();
        return new(entity, id, name, siteId, currency, from, to, r.Actual, r.Planned, r.Budget, r.Variance, r.PlannedVariance, r.OverBudget);
    }
}
