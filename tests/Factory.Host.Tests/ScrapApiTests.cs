using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>Scrap entered at the station: counted once in the machine's quality, refused on another machine and when unbounded.</summary>
public sealed class ScrapApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task An_operators_scrap_entry_is_one_scrap_count_in_the_machines_kpis_and_audited()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var before = await ScrapAsync(client, "CNC-02", from);

        var entered = await (await client.PostJsonAsync("/api/v1/machines/CNC-02/scrap", new { quantity = 3, reason = "burrs" })).OkJsonAsync();

        Assert.Equal(3, entered.GetProperty("quantity").GetInt64());
        Assert.Equal(before + 3, await ScrapAsync(client, "CNC-02", from));
        var manager = await app.ReadyClientAsync();
        var audit = await (await manager.GetAsync("/api/v1/audit?action=scrap.entry&user=operator")).OkJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("target").GetString()!.Contains("CNC-02", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scrap_on_another_machine_is_refused_and_nothing_is_counted()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var from = DateTimeOffset.UtcNow.AddMinutes(-1);
        var before = await ScrapAsync(client, "CNC-04", from);

        await (await client.PostJsonAsync("/api/v1/machines/CNC-04/scrap", new { quantity = 1, reason = "burrs" })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Equal(before, await ScrapAsync(client, "CNC-04", from));
    }

    [Fact]
    public async Task Unbounded_or_incomplete_entries_are_refused_with_400()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/scrap", new { quantity = 0, reason = "burrs" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/scrap", new { quantity = 10_001, reason = "burrs" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/scrap", new { quantity = 1 })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/scrap", new { reason = "burrs" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/scrap", new { quantity = 1, reason = new string('x', 201) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/NOPE/scrap", new { quantity = 1, reason = "burrs" })).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<long> ScrapAsync(HttpClient client, string machine, DateTimeOffset from)
    {
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var rows = await (await client.GetAsync($"/api/v1/kpis?entity=machine&id={machine}&from={Uri.EscapeDataString(from.ToString("O"))}&to={to}")).OkJsonAsync();
        return rows.EnumerateArray().Single().GetProperty("scrap").GetInt64();
    }
}
