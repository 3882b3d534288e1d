using System.Globalization;
using Factory.Domain.Audit;
using Factory.Host.Costs;

namespace Factory.Host.Api;

/// <summary>Cost and budget: what work orders, lines, sites and shifts cost, split by part, against their budgets.</summary>
public static class CostsApi
{
    public static RouteGroupBuilder MapCostsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/costs", GetCosts)
            .WithTags("Costs").WithSummary("Planned, actual, budget and variance split by labour, machine, idle, material and scrap: ?entity=workorder|line|site|shift&id=&siteId=&from=&to= (without from/to: the current shift so far).");
        api.MapGet("/costs.csv", GetCostsCsv)
            .WithTags("Costs").WithSummary("The same query as CSV.");
        return api;
    }

    private static async Task<IResult> GetCosts(string? entity, string? id, string? siteId, DateTimeOffset? from, DateTimeOffset? to, CostQueries costs)
    {
        var (rows, refusal) = await costs.QueryAsync(entity, id, siteId, from, to);
        return refusal is not null ? CommandResults.Refused(refusal.Kind, refusal.Reason) : TypedResults.Ok(rows);
    }

    private static async Task<IResult> GetCostsCsv(string? entity, string? id, string? siteId, DateTimeOffset? from, DateTimeOffset? to, CostQueries costs)
    {
        var (rows, refusal) = await costs.QueryAsync(entity, id, siteId, from, to);
        return refusal is not null ? CommandResults.Refused(refusal.Kind, refusal.Reason) : TypedResults.Text(Csv(rows!), "text/csv");
    }

    private static string Csv(IReadOnlyList<CostRow> rows)
    {
        static string? D(decimal? v) => v?.ToString(CultureInfo.InvariantCulture);
        static string? T(DateTimeOffset? t) => t?.ToString("O", CultureInfo.InvariantCulture);
        return CsvExport.Table(
            ["entity", "id", "name", "site", "currency", "from", "to", "labour", "machine", "idle", "material", "scrap", "actual", "planned", "budget", "variance"],
            rows.Select(r => new[]
            {
                r.Entity, r.Id, r.Name, r.SiteId, r.Currency, T(r.From), T(r.To), D(r.Actual.Labour), D(r.Actual.Machine), D(r.Actual.Idle),
                D(r.Actual.Material), D(r.Actual.Scrap), D(r.Actual.Total), D(r.Planned?.Total), D(r.Budget), D(r.Variance),
            }));
    }
}
