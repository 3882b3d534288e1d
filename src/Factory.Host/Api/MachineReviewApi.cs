using Factory.Contracts.Maintenance;
using Factory.Domain.Costs;
using Factory.Domain.Limits;
using Factory.Domain.Maintenance;
using Factory.Domain.Oee;
using Factory.Host.Costs;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary>
/// <c>/api/v1/machines/{id}/review</c>: a machine's performance over a period, for the maintenance team — reliability
/// (failures, MTBF, MTTR, availability, per day too), what it failed for, what its downtime cost and whether its planned
/// maintenance was done in time. The figures come from the KPI and downtime rules, the cost model and the compliance rule.
/// </summary>
public static class MachineReviewApi
{
    /// <summary>How many failure reasons the review lists.</summary>
    public const int TopReasons = 5;

    /// <summary>The period a review without <c>from</c>/<c>to</c> covers, up to now.</summary>
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(7);

    public static RouteGroupBuilder MapMachineReviewApi(this RouteGroupBuilder api)
    {
        api.MapGet("/machines/{id}/review", GetReview)
            .WithTags("Maintenance")
            .WithSummary("A machine's performance review for ?from=&to= (default the last 7 days): failures, MTBF, MTTR, availability (also per UTC day), the top failure reasons, the cost of downtime where the machine has a rate, and maintenance compliance.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetReview(
        string id, DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, KpiQueries kpis, CostCatalog costs, IGrainFactory grains, PlantClock clock)
    {
        if (catalog.Machine(id) is not { } machine)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        // 'to' is checked before the default 'from' is counted back from it: a far instant must be a 400, not an overflow.
        if (to is { } given && TimeLimits.Check(given, "'to'") is { } problem)
        {
            return CommandResults.Invalid("to", problem);
        }

        var now = clock.GetUtcNow();
        var end = to ?? now;
        var start = from ?? end - DefaultPeriod;
        if (KpiQueries.WindowRefusal(start, end) is { } refusal)
        {
            return CommandResults.Refused(refusal.Kind, refusal.Reason);
        }

        var figures = await kpis.MachineReviewAsync(machine, start, end);
        var rates = costs.Site(machine.SiteId).Rates;
        var orders = await grains.GetGrain<IMaintenanceGrain>(machine.SiteId).GetOrders();
        // Compliance looks at the whole period asked for: an order due later in it is open, not yet missed.
        var compliance = MaintenanceCompliance.Of(machine.MachineId, orders.Select(o => o.ToOrder()), new(start, end), now);
        var cost = DowntimeCost.Of(machine.MachineId, figures.Stops, rates);
        return TypedResults.Ok(new
        {
            machineId = machine.MachineId,
            from = figures.Window.Start,
            to = figures.Window.End,
            failures = figures.Kpis.Failures,
            mtbfSeconds = figures.Kpis.Mtbf?.TotalSeconds,
            mttrSeconds = figures.Kpis.Mttr?.TotalSeconds,
            availability = figures.Kpis.Availability,
            lostSeconds = figures.Stops.Sum(s => s.Duration.TotalSeconds),
            topReasons = FailureReasons.Top(figures.Stops, figures.Reasons, TopReasons)
                .Select(r => new { r.ReasonCode, r.ReasonName, r.Category, lostSeconds = r.Lost.TotalSeconds, r.Stops, r.Share }),
            downtimeCost = cost is { } amount ? new { currency = rates.Currency, amount = decimal.Round(amount, 2) } : null,
            compliance = new
            {
                compliance.Due,
                compliance.OnTime,
                compliance.Late,
                compliance.Overdue,
                compliance.Open,
                compliance.Cancelled,
                compliance.Rate,
                orders = compliance.Orders.Select(e => new { e.Order.Id, e.Order.Kind, e.Order.Reason, e.Order.Status, e.Deadline, e.Order.FinishedAt, e.Outcome }),
            },
            days = figures.Days.Select(d => new
            {
                from = d.Window.Start,
                to = d.Window.End,
                failures = d.Kpis.Failures,
                mtbfSeconds = d.Kpis.Mtbf?.TotalSeconds,
                mttrSeconds = d.Kpis.Mttr?.TotalSeconds,
                availability = d.Kpis.Availability,
            }),
        });
    }
}
