using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Costs;

/// <summary>Sends <c>CostChanged</c> with every work order change the silo's feed forwards.</summary>
public sealed class CostFeed(CostQueries queries, CostCatalog costs, IHubContext<PlantHub, IPlantClient> hub)
{
    /// <summary>The order's cost now, to its site's group.</summary>
    public Task OrderChanged(WorkOrderChanged change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var order = change.WorkOrder;
        var cost = queries.Actual(order).Rounded();
        return hub.Clients.Group(HubGroups.Site(order.SiteId)).CostChanged(new CostChanged(
            order.SiteId, order.Id, order.Version, costs.Site(order.SiteId).Rates.Currency, cost.Actual, cost.Budget, cost.Variance, cost.OverBudget));
    }
}
