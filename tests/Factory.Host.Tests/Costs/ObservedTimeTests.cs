using Factory.Host.Tests;

namespace Factory.Host.Tests.Costs;

/// <summary>
/// Only the time Factory has observed the plant counts: a first start in the middle of a shift costs no idle time for the
/// hours before it, budgets are for the observed part of the window, and KPIs do not count those hours as lost.
/// A host of its own, so no other test runs work on its machines.
/// </summary>
public sealed class ObservedTimeTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    private static readonly Dictionary<string, decimal> IdlePerHour = new()
    {
        ["CNC-01"] = 18m, ["CNC-02"] = 16m, ["CNC-03"] = 17m, ["CNC-04"] = 14m, ["DRL-01"] = 9m, ["ASM-01"] = 8m, ["ASM-02"] = 7m,
        ["WLD-01"] = 12m, ["WLD-02"] = 11m, ["TST-01"] = 10m, ["INS-01"] = 6m, ["LBL-01"] = 4m, ["PCK-01"] = 5m, ["PCK-02"] = 5m,
    };

    [Fact]
    public async Task Costs_budgets_and_kpis_count_only_the_time_since_the_plant_was_first_observed()
    {
        var client = await app.ReadyClientAsync();
        var since = (await (await client.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync()).GetProperty("observedSince").GetDateTimeOffset();
        Assert.InRange(since, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow);

        // An hour wholly before the first start: nothing to report, not an hour of idle machines.
        var before = Query(since.AddHours(-2), since.AddHours(-1));
        var early = Assert.Single((await (await client.GetAsync($"/api/v1/costs?entity=site&id=plant-1&{before}")).OkJsonAsync()).EnumerateArray());
        Assert.Equal(0m, M(early.GetProperty("actual"), "total"));
        Assert.True(early.GetProperty("budget").ValueKind == System.Text.Json.JsonValueKind.Null || M(early, "budget") == 0m, early.ToString());

        // An hour reaching 36 s (0.01 h) past the first start costs and is budgeted for those 36 s only.
        var to = since.AddSeconds(36);
        while (DateTimeOffset.UtcNow < to)
        {
            await Task.Delay(500);
        }

        var lines = (await (await client.GetAsync($"/api/v1/costs?entity=line&siteId=plant-1&{Query(to.AddHours(-1), to)}")).OkJsonAsync()).EnumerateArray().ToList();
        var l1 = lines.Single(l => l.GetProperty("id").GetString() == "L1");
        Assert.Equal(since, l1.GetProperty("from").GetDateTimeOffset());
        // L1 (CNC-01..04, DRL-01) idles at 74 EUR/h and is budgeted at 260 EUR/h (plants/demo.json).
        Assert.Equal((0.74m, 2.60m), (M(l1.GetProperty("actual"), "idle"), M(l1, "budget")));
        var site = Assert.Single((await (await client.GetAsync($"/api/v1/costs?entity=site&id=plant-1&{Query(to.AddHours(-1), to)}")).OkJsonAsync()).EnumerateArray());
        Assert.Equal(Math.Round(IdlePerHour.Values.Sum() * 0.01m, 2, MidpointRounding.AwayFromZero), M(site.GetProperty("actual"), "total"));

        // The KPIs of the hour: planned time is what was observed (the calendar may plan less of it), not the hour.
        var kpis = Assert.Single((await (await client.GetAsync($"/api/v1/kpis?entity=machine&id=CNC-01&{Query(to.AddHours(-1), to)}")).OkJsonAsync()).EnumerateArray());
        Assert.InRange(kpis.GetProperty("time").GetProperty("pot").GetDouble(), 0, 36.001);
    }

    private static string Query(DateTimeOffset from, DateTimeOffset to) =>
        $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    private static decimal M(System.Text.Json.JsonElement e, string name) => e.GetProperty(name).GetDecimal();
}
