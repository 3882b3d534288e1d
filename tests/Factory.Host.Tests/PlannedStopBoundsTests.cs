using System.Net;

namespace Factory.Host.Tests;

/// <summary>Finding 1 of #11: a planned stop far in the future must not break the KPIs, and a stop can be deleted.</summary>
public sealed class PlannedStopBoundsTests(RoundTheClockWebApp app) : IClassFixture<RoundTheClockWebApp>
{
    private static readonly DateTimeOffset From = new(2026, 11, 9, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_stop_ending_in_year_9999_is_refused_naming_the_limit_and_the_kpis_still_answer()
    {
        var client = await app.ReadyClientAsync();
        var problem = await (await client.PostRawAsync("/api/v1/machines/CNC-01/planned-stops",
            "{\"start\":\"2026-11-09T05:00:00Z\",\"end\":\"9999-12-31T00:00:00Z\",\"kind\":\"PlannedMaintenance\"}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("2100", problem.GetRawText());
        await (await client.PostRawAsync("/api/v1/lines/L1/planned-stops",
            "{\"start\":\"0001-01-01T00:00:00Z\",\"end\":\"2026-11-09T06:00:00Z\"}")).ProblemAsync(HttpStatusCode.BadRequest);

        foreach (var (entity, id) in new[] { ("machine", "CNC-01"), ("line", "L1"), ("site", "plant-1") })
        {
            await (await client.GetAsync(KpiUrl(entity, id, From, From.AddHours(8)))).OkJsonAsync();
        }

        var stops = await (await client.GetAsync("/api/v1/machines/CNC-01/planned-stops")).OkJsonAsync();
        Assert.Empty(stops.EnumerateArray());
    }

    [Fact]
    public async Task A_planned_stop_can_be_deleted_and_no_longer_counts()
    {
        var client = await app.ReadyClientAsync();
        // A window that has passed and that the host observed (only observed time counts in KPIs): its first 10 s.
        var since = (await (await client.GetAsync("/api/v1/sites/plant-1")).OkJsonAsync()).GetProperty("observedSince").GetDateTimeOffset();
        var (from, to) = (since.AddHours(-1), since.AddSeconds(10));
        while (DateTimeOffset.UtcNow < to)
        {
            await Task.Delay(250);
        }

        var before = await (await client.GetAsync(KpiUrl("machine", "DRL-01", from, to))).OkJsonAsync();
        var stop = await (await client.PostJsonAsync("/api/v1/machines/DRL-01/planned-stops",
            new { start = since.AddMinutes(-30), end = since.AddHours(1), kind = "PlannedMaintenance", note = "filter" })).OkJsonAsync();
        var during = await (await client.GetAsync(KpiUrl("machine", "DRL-01", from, to))).OkJsonAsync();
        Assert.NotEqual(before.GetRawText(), during.GetRawText());

        var listed = Assert.Single((await (await client.GetAsync("/api/v1/machines/DRL-01/planned-stops")).OkJsonAsync()).EnumerateArray());
        var stopId = listed.GetProperty("stopId").GetString();
        Assert.Equal(stop.GetProperty("stopId").GetString(), stopId);

        await (await client.DeleteAsync($"/api/v1/machines/DRL-01/planned-stops/{stopId}")).OkJsonAsync();
        await (await client.DeleteAsync($"/api/v1/machines/DRL-01/planned-stops/{stopId}")).ProblemAsync(HttpStatusCode.NotFound);
        var after = await (await client.GetAsync(KpiUrl("machine", "DRL-01", from, to))).OkJsonAsync();
        Assert.Equal(before.GetRawText(), after.GetRawText());
        Assert.Empty((await (await client.GetAsync("/api/v1/machines/DRL-01/planned-stops")).OkJsonAsync()).EnumerateArray());
    }

    private static string KpiUrl(string entity, string id, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/kpis?entity={entity}&id={id}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
}
