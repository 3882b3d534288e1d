using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests.Maintenance;

/// <summary>
/// <c>GET /machines/{id}/review</c> through the real pipeline: reliability figures equal the KPIs, failure reasons, cost of
/// downtime from the machine's rate, maintenance compliance, and bad input refused.
/// </summary>
public sealed class MachineReviewApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    // Tuesday 2026-11-10, 06:00–09:00 Berlin (CET): the Early shift up to its first break, all planned busy time.
    private static readonly DateTimeOffset From = new(2026, 11, 10, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset To = From.AddHours(3);

    [Fact]
    public async Task The_review_gives_mtbf_mttr_availability_top_reasons_and_the_cost_of_downtime()
    {
        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/machines/INS-01/events", new
        {
            events = new object[]
            {
                new { at = From, state = "Execute" },
                new { at = From.AddHours(1), state = "Stopped" },
                new { at = From.AddMinutes(90), state = "Execute" },
                new { at = From.AddHours(2), state = "Aborted" },
                new { at = From.AddMinutes(135), state = "Execute" },
                new { at = From.AddMinutes(150), state = "Stopped" },
                new { at = From.AddMinutes(170), state = "Execute" },
            },
        })).OkJsonAsync();
        foreach (var stop in new[] { From.AddHours(1), From.AddMinutes(150) })
        {
            await (await client.PostJsonAsync($"/api/v1/machines/INS-01/downtime/{Uri.EscapeDataString(stop.ToString("O"))}/reason", new { code = "mechanical" })).OkJsonAsync();
        }

        var review = await ReviewAsync(client, "INS-01", From, To);

        // Three failures, 30 + 15 + 20 = 65 minutes down, 115 minutes running in 180 planned.
        Assert.Equal(3, review.GetProperty("failures").GetInt32());
        Assert.Equal(115 * 60 / 3.0, review.GetProperty("mtbfSeconds").GetDouble(), 6);
        Assert.Equal(65 * 60 / 3.0, review.GetProperty("mttrSeconds").GetDouble(), 6);
        Assert.Equal(115.0 / 180, review.GetProperty("availability").GetDouble(), 12);
        Assert.Equal(65 * 60, review.GetProperty("lostSeconds").GetDouble());

        // The same figures as the KPIs of the window: the review reuses them, it does not count its own.
        var kpis = (await (await client.GetAsync(
            $"/api/v1/kpis?entity=machine&id=INS-01&from={Escape(From)}&to={Escape(To)}")).OkJsonAsync()).EnumerateArray().Single();
        Assert.Equal(kpis.GetProperty("mtbfSeconds").GetDouble(), review.GetProperty("mtbfSeconds").GetDouble());
        Assert.Equal(kpis.GetProperty("mttrSeconds").GetDouble(), review.GetProperty("mttrSeconds").GetDouble());
        Assert.Equal(kpis.GetProperty("failures").GetInt32(), review.GetProperty("failures").GetInt32());

        var reasons = review.GetProperty("topReasons").EnumerateArray().ToList();
        Assert.Equal(["mechanical", null], reasons.Select(r => r.GetProperty("reasonCode").GetString()));
        Assert.Equal([50 * 60, 15 * 60], reasons.Select(r => r.GetProperty("lostSeconds").GetDouble()));
        Assert.Equal([2, 1], reasons.Select(r => r.GetProperty("stops").GetInt32()));

        // INS-01 idles at 6 EUR an hour: 65 minutes down cost 6.50.
        var cost = review.GetProperty("downtimeCost");
        Assert.Equal("EUR", cost.GetProperty("currency").GetString());
        Assert.Equal(6.5m, cost.GetProperty("amount").GetDecimal());

        var day = Assert.Single(review.GetProperty("days").EnumerateArray());
        Assert.Equal(3, day.GetProperty("failures").GetInt32());
        Assert.Equal(review.GetProperty("mttrSeconds").GetDouble(), day.GetProperty("mttrSeconds").GetDouble());

        // Two UTC days: the trend has a row for each, and their failures add up.
        var twoDays = await ReviewAsync(client, "INS-01", From.AddDays(-1), To);
        var days = twoDays.GetProperty("days").EnumerateArray().ToList();
        Assert.Equal(2, days.Count);
        Assert.Equal(new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero), days[1].GetProperty("from").GetDateTimeOffset());
        Assert.Equal(twoDays.GetProperty("failures").GetInt32(), days.Sum(d => d.GetProperty("failures").GetInt32()));
    }

    [Fact]
    public async Task Compliance_counts_planned_and_preventive_orders_due_in_the_period_by_outcome()
    {
        var client = await app.ReadyClientAsync();
        var now = DateTimeOffset.UtcNow;
        async Task Order(string id, string kind, DateTimeOffset? dueBy) =>
            await (await client.PostJsonAsync("/api/v1/maintenance/orders", new { id, machineId = "LBL-01", kind, reason = "Inspection", estimatedSeconds = 600, dueBy })).OkJsonAsync();
        async Task Do(string id, string step, object? body = null) =>
            await (await client.PostJsonAsync($"/api/v1/maintenance/orders/{id}/{step}", body ?? new { })).OkJsonAsync();

        await Order("MO-LBL-ONTIME", "Preventive", now.AddDays(1));
        await Do("MO-LBL-ONTIME", "start");
        await Do("MO-LBL-ONTIME", "finish");
        await Order("MO-LBL-LATE", "Preventive", now.AddDays(-2));
        await Do("MO-LBL-LATE", "start");
        await Do("MO-LBL-LATE", "finish");
        await Order("MO-LBL-OVERDUE", "Preventive", now.AddDays(-1));
        await Order("MO-LBL-OPEN", "Preventive", now.AddDays(2));
        await Order("MO-LBL-CANCELLED", "Preventive", now.AddDays(1));
        await Do("MO-LBL-CANCELLED", "cancel", new { reason = "machine replaced" });
        // Corrective but planned into a window: its deadline is the window's end, still to come.
        await Order("MO-LBL-WINDOW", "Corrective", null);
        await Do("MO-LBL-WINDOW", "plan", new { start = now.AddDays(1), end = now.AddDays(1).AddHours(1) });
        // Corrective and never planned: no deadline, not counted; due before the period: not counted.
        await Order("MO-LBL-REPAIR", "Corrective", null);
        await Order("MO-LBL-OLD", "Preventive", now.AddDays(-10));

        var review = await ReviewAsync(client, "LBL-01", now.AddDays(-3), now.AddDays(3));
        var compliance = review.GetProperty("compliance");
        Assert.Equal(6, compliance.GetProperty("due").GetInt32());
        Assert.Equal(1, compliance.GetProperty("onTime").GetInt32());
        Assert.Equal(1, compliance.GetProperty("late").GetInt32());
        Assert.Equal(1, compliance.GetProperty("overdue").GetInt32());
        Assert.Equal(2, compliance.GetProperty("open").GetInt32());
        Assert.Equal(1, compliance.GetProperty("cancelled").GetInt32());
        Assert.Equal(1.0 / 3, compliance.GetProperty("rate").GetDouble(), 12);
        var outcomes = compliance.GetProperty("orders").EnumerateArray().ToDictionary(o => o.GetProperty("id").GetString()!, o => o.GetProperty("outcome").GetString());
        Assert.Equal("OnTime", outcomes["MO-LBL-ONTIME"]);
        Assert.Equal("Late", outcomes["MO-LBL-LATE"]);
        Assert.Equal("Overdue", outcomes["MO-LBL-OVERDUE"]);
        Assert.Equal("Open", outcomes["MO-LBL-WINDOW"]);
        var window = compliance.GetProperty("orders").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "MO-LBL-WINDOW");
        Assert.Equal(now.AddDays(1).AddHours(1), window.GetProperty("deadline").GetDateTimeOffset());
        Assert.DoesNotContain("MO-LBL-REPAIR", outcomes.Keys);
        Assert.DoesNotContain("MO-LBL-OLD", outcomes.Keys);

        // The KPI part of the review stops at now: time that has not happened is not counted.
        Assert.True(review.GetProperty("to").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Without_a_window_the_review_covers_the_last_seven_days()
    {
        var client = await app.ReadyClientAsync();
        var review = await (await client.GetAsync("/api/v1/machines/PCK-02/review")).OkJsonAsync();
        var from = review.GetProperty("from").GetDateTimeOffset();
        var to = review.GetProperty("to").GetDateTimeOffset();
        Assert.Equal(TimeSpan.FromDays(7), to - from);
        Assert.True(DateTimeOffset.UtcNow - to < TimeSpan.FromMinutes(1));
        Assert.InRange(review.GetProperty("days").GetArrayLength(), 7, 8);
    }

    [Fact]
    public async Task An_unknown_machine_is_404_and_a_bad_window_400()
    {
        var client = await app.ReadyClientAsync();
        await (await client.GetAsync("/api/v1/machines/NOPE/review")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/machines/CNC-01/review?from={Escape(To)}&to={Escape(From)}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/machines/CNC-01/review?from={Escape(From.AddDays(-401))}&to={Escape(From)}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/machines/CNC-01/review?to=0001-01-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/machines/CNC-01/review?from=9999-01-01T00:00:00Z")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/machines/CNC-01/review?from=yesterday")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    private static string Escape(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O"));

    private static async Task<JsonElement> ReviewAsync(HttpClient client, string machine, DateTimeOffset from, DateTimeOffset to) =>
        await (await client.GetAsync($"/api/v1/machines/{machine}/review?from={Escape(from)}&to={Escape(to)}")).OkJsonAsync();
}
