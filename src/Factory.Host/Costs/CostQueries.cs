using Factory.Domain.Costs;
using Factory.Domain.Oee;
using Factory.Host.Plant;
using Factory.Host.Production;
using Factory.Domain.Limits;

namespace Factory.Host.Costs;

/// <summary>
/// Costs of work orders, lines, sites and shifts against their budgets, computed by the domain
/// (<see cref="OrderCosts"/>, <see cref="WindowCosts"/>) from the work orders' runs, the plan and the site's rates.
/// Windows are clipped at now: time that has not happened yet costs nothing.
/// </summary>
public sealed class CostQueries(PlantQueries plant, IGrainFactory grains, CostCatalog costs, ProductionCatalog production, KpiQueries kpis, PlantClock clock)
{
    /// <summary>Longest window one query may cover.</summary>
    public static readonly TimeSpan MaxWindow = QueryWindow.Log;

    /// <summary>
    /// The rows of one query: a work order (all orders of <paramref name="siteId"/> without an id), a line (all lines of
    /// the site without an id), a site, or one row per shift of a site's calendar in the window.
    /// </summary>
    public async Task<(IReadOnlyList<CostRow>? Rows, Refusal? Refusal)> QueryAsync(string? entity, string? id, string? siteId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var kind = (entity ?? "").Trim().ToLowerInvariant();
        if (kind is not ("workorder" or "line" or "site" or "shift"))
        {
            return (null, Refusal.Invalid($"entity must be workorder, line, site or shift, not '{entity}'"));
        }

        if (string.IsNullOrWhiteSpace(id) && string.IsNullOrWhiteSpace(siteId))
        {
            return (null, Refusal.Invalid("id (or siteId for every work order or line of a site) is required"));
        }

        if (siteId is not null && production.Site(siteId) is null)
        {
            return (null, Refusal.NotFound($"site '{siteId}' does not exist"));
        }

        return kind == "workorder" ? await WorkOrdersAsync(id, siteId) : await WindowAsync(kind, id, siteId, from, to);
    }

    /// <summary>The cost of one work order now, against its budget (what the hub's <c>CostChanged</c> carries).</summary>
    public CostComparison Actual(WorkOrderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var site = costs.Site(view.SiteId);
        var order = CostRecords.ToWorkOrder(view);
        return new CostComparison(OrderCosts.Actual(order, site.Rates, clock.GetUtcNow()), null, site.Budgets.ForWorkOrder(view.Id));
    }

    private async Task<(IReadOnlyList<CostRow>?, Refusal?)> WorkOrdersAsync(string? id, string? siteId)
    {
        IReadOnlyList<WorkOrderView> views;
        if (!string.IsNullOrWhiteSpace(id))
        {
            if (await plant.WorkOrderAsync(id) is not { } one || (siteId is not null && one.SiteId != siteId))
            {
                return (null, Refusal.NotFound($"work order '{id}' does not exist"));
            }

            views = [one];
        }
        else
        {
            views = await plant.WorkOrdersAsync(siteId);
        }

        var now = clock.GetUtcNow();
        var plans = new Dictionary<string, IReadOnlyList<PlannedSlot>>(StringComparer.Ordinal);
        foreach (var site in views.Select(v => v.SiteId).Distinct())
        {
            plans[site] = CostRecords.ToSlots(await grains.GetGrain<IDispatcherGrain>(site).GetPlan());
        }

        return ([.. views.OrderBy(v => v.Id, StringComparer.Ordinal).Select(v =>
        {
            var site = costs.Site(v.SiteId);
            var comparison = OrderCosts.Compare(CostRecords.ToWorkOrder(v), plans[v.SiteId], site.Rates, site.Budgets, now);
            return CostRow.Of("workorder", v.Id, v.Product, v.SiteId, site.Rates.Currency, null, null, comparison);
        })], null);
    }

    private async Task<(IReadOnlyList<CostRow>?, Refusal?)> WindowAsync(string kind, string? id, string? siteId, DateTimeOffset? from, DateTimeOffset? to)
    {
        // Which lines (each with its machines) or which site the rows are of.
        var scopes = new List<(string Id, string Site, List<string> Machines)>();
        if (kind == "line")
        {
            var lineIds = !string.IsNullOrWhiteSpace(id) ? [id] : production.Machines(siteId).Select(m => m.LineId).Distinct().ToList();
            scopes.AddRange(lineIds.Select(l => (l, production.Machines(lineId: l).FirstOrDefault()?.SiteId ?? "", production.Machines(lineId: l).Select(m => m.MachineId).ToList())));
        }
        else
        {
            var site = !string.IsNullOrWhiteSpace(id) ? id : siteId!;
            scopes.Add((site, site, [.. production.Machines(site).Select(m => m.MachineId)]));
        }

        if (scopes.Count == 0 || scopes.Any(s => s.Machines.Count == 0) || (siteId is not null && scopes.Any(s => s.Site != siteId)))
        {
            return (null, Refusal.NotFound($"{kind} '{id}' does not exist"));
        }

        var siteOf = scopes[0].Site;
        var live = kpis.LiveWindow(siteOf);
        var (start, end) = (from ?? live.Start, to ?? live.End);
        if (QueryWindow.Problem(start, end, MaxWindow) is { } problem)
        {
            return (null, Refusal.Invalid(problem));
        }

        var now = clock.GetUtcNow();
        var siteView = await plant.SiteAsync(siteOf);
        var window = new TimeRange(start, end < now ? end : now < start ? start : now).ObservedFrom(siteView?.ObservedSince);
        var config = costs.Site(siteOf);
        var calendar = production.Site(siteOf)?.Calendar;
        var orders = (await plant.WorkOrdersAsync(siteOf)).Select(CostRecords.ToWorkOrder).ToList();
        var lines = kind == "line" ? (await plant.LinesAsync(siteOf)).ToDictionary(l => l.Id, l => l.Name, StringComparer.Ordinal) : [];
        var currency = config.Rates.Currency;
        if (kind == "line")
        {
            return ([.. scopes.Select(s => CostRow.Of("line", s.Id, lines.GetValueOrDefault(s.Id, s.Id), siteOf, currency, window.Start, window.End,
                new CostComparison(WindowCosts.Of(orders, s.Machines, config.Rates, window, now), null, config.Budgets.ForLine(s.Id, window.Duration))))], null);
        }

        var machines = scopes[0].Machines;
        if (kind == "site")
        {
            var siteName = siteView?.Name ?? siteOf;
            var budget = calendar is null ? null : config.Budgets.ForShifts(calendar.Expand(window), window);
            return ([CostRow.Of("site", siteOf, siteName, siteOf, currency, window.Start, window.End,
                new CostComparison(WindowCosts.Of(orders, machines, config.Rates, window, now), null, budget))], null);
        }

        if (calendar is null)
        {
            return (null, Refusal.Conflict($"site '{siteOf}' has no shift calendar"));
        }

        return ([.. calendar.Expand(window).Select(shift =>
        {
            var part = shift.Range.Intersect(window) ?? new TimeRange(shift.Start, shift.Start);
            return CostRow.Of("shift", $"{shift.Id}/{siteOf}", shift.Id, siteOf, currency, part.Start, part.End,
                new CostComparison(WindowCosts.Of(orders, machines, config.Rates, part, now), null, config.Budgets.ForShifts([shift], part)));
        })], null);
    }
}
