using Factory.Domain.Costs;

namespace Factory.Host.Costs;

/// <summary>
/// Hub delta <c>CostChanged</c>: a work order's actual cost after one of its changes (runs starting, counting, ending),
/// to its site's group. <see cref="Version"/> is the work order's version, so it orders with <c>WorkOrderChanged</c>.
/// </summary>
public sealed record CostChanged(string SiteId, string WorkOrderId, long Version, string Currency, CostBreakdown Actual, decimal? Budget, decimal? Variance, bool OverBudget);
