using Factory.Domain.Costs;

namespace Factory.Host.Costs;

/// <summary>A site's rates and budgets, as the plant file gives them.</summary>
public sealed record SiteCosts(string SiteId, CostRates Rates, CostBudgets Budgets);
