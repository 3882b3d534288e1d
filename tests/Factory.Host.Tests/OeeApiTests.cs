using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>The reference's worked OEE cases and a daylight-saving shift, reproduced through the API.</summary>
public sealed class OeeApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    // Monday 2026-11-02, Early shift 06:00–14:00 Europe/Berlin (CET, UTC+1); breaks 09:00–09:15 and 11:30–12:00.
    private static readonly DateTimeOffset ShiftStart = new(2026, 11, 2, 5, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset ShiftEnd = ShiftStart.AddHours(8);

    [Fact]
    public async Task Worked_case_1_through_the_api()
    {
        var client = await app.ReadyClientAsync();
        // The calendar's breaks are 45 min; the case has 60 min of breaks: 15 more recorded as a planned stop.
        await (await client.PostJsonAsync("/api/v1/machines/CNC-03/planned-stops",
            new { start = ShiftStart.AddHours(7), end = ShiftStart.AddHours(7).AddMinutes(15), kind = "Break", note = "extra break" })).OkJsonAsync();
        await PostShiftAsync(client, "CNC-03", downMinutes: 47, good: 18_848, scrap: 423, priSeconds: 1);

        var k = await KpisAsync(client, "machine", "CNC-03", ShiftStart, ShiftEnd);
        Assert.Equal(420 * 60, k.GetProperty("time").GetProperty("pbt").GetDouble());
        Assert.Equal(373 * 60, k.GetProperty("time").GetProperty("apt").GetDouble());
        AssertPercent(88.81, k, "availability");
        AssertPercent(86.11, k, "effectiveness");
        AssertPercent(97.80, k, "qualityRatio");
        AssertPercent(74.79, k, "oee");
    }

    [Fact]
    public async Task Worked_case_2_through_the_api_per_machine_and_per_shift()
    {
        var client = await app.ReadyClientAsync();
        await PostShiftAsync(client, "CNC-04", downMinutes: 30, good: 675, scrap: 25, priSeconds: 30);

        var k = await KpisAsync(client, "machine", "CNC-04", ShiftStart, ShiftEnd);
        Assert.Equal(435 * 60, k.GetProperty("time").GetProperty("pbt").GetDouble());
        Assert.Equal(405 * 60, k.GetProperty("time").GetProperty("apt").GetDouble());
        AssertPercent(93.10, k, "availability");
        AssertPercent(86.42, k, "effectiveness");
        AssertPercent(96.43, k, "qualityRatio");
        AssertPercent(77.59, k, "oee");
        Assert.Equal(1, k.GetProperty("failures").GetInt32());
        Assert.Equal(30 * 60, k.GetProperty("mttrSeconds").GetDouble());

        var shifts = await (await client.GetAsync(KpiUrl("shift", "CNC-04", ShiftStart.AddHours(-1), ShiftEnd.AddHours(1)))).OkJsonAsync();
        var early = shifts.EnumerateArray().Single(r => r.GetProperty("id").GetString()!.StartsWith("Early@2026-11-02", StringComparison.Ordinal));
        Assert.Equal(k.GetProperty("oee").GetDouble(), early.GetProperty("oee").GetDouble());

        var csv = await (await client.GetAsync(KpiUrl("machine", "CNC-04", ShiftStart, ShiftEnd).Replace("/kpis?", "/kpis.csv?"))).Content.ReadAsStringAsync();
        Assert.StartsWith("entity,id,from,to", csv);
        Assert.Contains("CNC-04", csv);
    }

    [Fact]
    public async Task A_night_shift_across_the_October_clock_change_lasts_nine_hours()
    {
        var client = await app.ReadyClientAsync();
        // Saturday 2026-10-24 22:00 CEST (20:00Z) to Sunday 06:00 CET (05:00Z): clocks go back at 03:00.
        var start = new DateTimeOffset(2026, 10, 24, 20, 0, 0, TimeSpan.Zero);
        var end = new DateTimeOffset(2026, 10, 25, 5, 0, 0, TimeSpan.Zero);
        await (await client.PostJsonAsync("/api/v1/machines/DRL-01/events", new
        {
            events = new object[]
            {
                new { at = start.AddHours(-1), state = "Execute" },
                new { at = end.AddHours(1), state = "Stopped" },
            },
        })).OkJsonAsync();

        var rows = await (await client.GetAsync(KpiUrl("shift", "DRL-01", start, end))).OkJsonAsync();
        var night = Assert.Single(rows.EnumerateArray());
        Assert.StartsWith("Night@2026-10-24", night.GetProperty("id").GetString());
        var time = night.GetProperty("time");
        Assert.Equal(9 * 3600, time.GetProperty("pot").GetDouble());
        Assert.Equal(45 * 60, time.GetProperty("pdot").GetDouble());
        Assert.Equal(9 * 3600 - 45 * 60, time.GetProperty("apt").GetDouble());
        AssertPercent(100, night, "availability");
    }

    [Fact]
    public async Task Bad_input_is_refused_and_changes_nothing()
    {
        var client = await app.ReadyClientAsync();
        var from = new DateTimeOffset(2026, 11, 3, 5, 0, 0, TimeSpan.Zero);
        await (await client.PostJsonAsync("/api/v1/machines/ASM-01/events", new { events = new object[] { new { at = from, state = "Execute" } } })).OkJsonAsync();
        var before = await KpisAsync(client, "machine", "ASM-01", from, from.AddHours(8));

        await (await client.PostJsonAsync("/api/v1/machines/NOPE/events", new { events = new object[] { new { at = from, state = "Execute" } } })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/machines/ASM-01/events", new { events = Array.Empty<object>() })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/ASM-01/events", new
        {
            events = new object[] { new { at = from.AddHours(1), state = "Aborted" }, new { at = from.AddHours(2), good = -5 } },
        })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostRawAsync("/api/v1/machines/ASM-01/events", "{\"events\":[{\"at\":\"yesterday\"}]}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/ASM-01/planned-stops", new { start = from.AddHours(2), end = from.AddHours(1) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/lines/NOPE/planned-stops", new { start = from, end = from.AddHours(1) })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync(KpiUrl("machine", "ASM-01", from, from.AddHours(-1)))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(KpiUrl("planet", "ASM-01", from, from.AddHours(1)))).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync(KpiUrl("machine", "NOPE", from, from.AddHours(1)))).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync($"/api/v1/machines/ASM-01/downtime/{Uri.EscapeDataString(from.ToString("O"))}/reason", new { code = "no-such-reason" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync($"/api/v1/machines/ASM-01/downtime/{Uri.EscapeDataString(from.ToString("O"))}/reason", new { code = "mechanical" })).ProblemAsync(HttpStatusCode.Conflict);

        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync("/api/v1/machines/ASM-01/events", new { events = new object[] { new { at = from, state = "Aborted" } } })).StatusCode);

        var after = await KpisAsync(client, "machine", "ASM-01", from, from.AddHours(8));
        Assert.Equal(before.GetRawText(), after.GetRawText());
    }

    [Fact]
    public async Task A_reason_attached_to_a_stop_changes_its_classification()
    {
        var client = await app.ReadyClientAsync();
        var from = new DateTimeOffset(2026, 11, 4, 5, 0, 0, TimeSpan.Zero);
        await (await client.PostJsonAsync("/api/v1/machines/ASM-02/events", new
        {
            events = new object[] { new { at = from, state = "Execute" }, new { at = from.AddHours(1), state = "Stopped" }, new { at = from.AddHours(2), state = "Execute" } },
        })).OkJsonAsync();
        var reasons = await (await client.GetAsync("/api/v1/sites/plant-1/downtime-reasons")).OkJsonAsync();
        Assert.Contains(reasons.EnumerateArray(), r => r.GetProperty("code").GetString() == "changeover");

        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await control.PostJsonAsync($"/api/v1/machines/ASM-02/downtime/{Uri.EscapeDataString(from.AddHours(1).ToString("O"))}/reason",
            new { code = "changeover", comment = "new fixture" })).OkJsonAsync();

        var k = await KpisAsync(client, "machine", "ASM-02", from, from.AddHours(3));
        Assert.Equal(3600, k.GetProperty("time").GetProperty("asut").GetDouble());
        Assert.Equal(0, k.GetProperty("time").GetProperty("adot").GetDouble());
    }

    [Fact]
    public async Task A_line_sums_its_machines_time_elements_and_counts_before_taking_ratios()
    {
        var client = await app.ReadyClientAsync();
        await PostShiftAsync(client, "CNC-02", downMinutes: 10, good: 1000, scrap: 10, priSeconds: 12);
        var line = await KpisAsync(client, "line", "L1", ShiftStart, ShiftEnd);
        var machines = new List<JsonElement>();
        foreach (var id in new[] { "CNC-01", "CNC-02", "CNC-03", "CNC-04", "DRL-01" })
        {
            machines.Add(await KpisAsync(client, "machine", id, ShiftStart, ShiftEnd));
        }

        double Sum(string element) => machines.Sum(m => m.GetProperty("time").GetProperty(element).GetDouble());
        Assert.Equal(Sum("pbt"), line.GetProperty("time").GetProperty("pbt").GetDouble());
        Assert.Equal(Sum("apt"), line.GetProperty("time").GetProperty("apt").GetDouble());
        Assert.Equal(Sum("unknown"), line.GetProperty("time").GetProperty("unknown").GetDouble());
        Assert.Equal(machines.Sum(m => m.GetProperty("produced").GetInt64()), line.GetProperty("produced").GetInt64());
        Assert.Equal(Sum("apt") / Sum("pbt"), line.GetProperty("availability").GetDouble(), 12);
    }

    [Fact]
    public async Task A_work_order_counts_only_its_own_intervals_and_output()
    {
        var client = await app.ReadyClientAsync();
        var from = new DateTimeOffset(2026, 11, 6, 5, 0, 0, TimeSpan.Zero);
        await (await client.PostJsonAsync("/api/v1/machines/TST-01/events", new
        {
            events = new object[]
            {
                new { at = from, state = "Execute", workOrderId = "WO-KPI" },
                new { at = from.AddMinutes(30), good = 100, idealCycleTimeSeconds = 15, workOrderId = "WO-KPI" },
                new { at = from.AddHours(1), state = "Execute", workOrderId = "WO-OTHER" },
                new { at = from.AddMinutes(90), good = 500, idealCycleTimeSeconds = 15, workOrderId = "WO-OTHER" },
                new { at = from.AddHours(2), state = "Stopped" },
            },
        })).OkJsonAsync();

        var k = await KpisAsync(client, "workorder", "WO-KPI", from, from.AddHours(8));
        Assert.Equal(3600, k.GetProperty("time").GetProperty("apt").GetDouble());
        Assert.Equal(100, k.GetProperty("produced").GetInt64());
        Assert.Equal(1500.0 / 3600, k.GetProperty("effectiveness").GetDouble(), 12);
        await (await client.GetAsync(KpiUrl("workorder", "WO-NONE", from, from.AddHours(8)))).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Without_a_window_kpis_cover_the_current_shift_so_far()
    {
        var client = await app.ReadyClientAsync();
        var row = Assert.Single((await (await client.GetAsync("/api/v1/kpis?entity=line&id=L1")).OkJsonAsync()).EnumerateArray());
        var now = DateTimeOffset.UtcNow;
        var to = row.GetProperty("to").GetDateTimeOffset();
        Assert.InRange(to, now.AddMinutes(-1), now.AddSeconds(1));

        // The shift of the calendar that contains now, as the per-shift query sees it; the UTC day when no shift runs.
        var shifts = await (await client.GetAsync(KpiUrl("shift", "L1", now.AddHours(-13), now))).OkJsonAsync();
        var current = shifts.EnumerateArray().Where(r => r.GetProperty("to").GetDateTimeOffset() >= to.AddSeconds(-1)).ToList();
        var expected = current.Count > 0 ? current[^1].GetProperty("from").GetDateTimeOffset() : new DateTimeOffset(to.UtcDateTime.Date, TimeSpan.Zero);
        Assert.Equal(expected, row.GetProperty("from").GetDateTimeOffset());

        await (await client.GetAsync("/api/v1/kpis?entity=line")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync("/api/v1/kpis?entity=line&id=NOPE")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_lines_good_per_hour_is_its_last_stage_with_parallel_machines_summed()
    {
        var client = await app.ReadyClientAsync();
        // Two hours of yesterday (kept history): the labeller and both packers of L3 make parts.
        var from = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-1).AddHours(8), TimeSpan.Zero);
        var to = from.AddHours(2);
        foreach (var (machine, good) in new[] { ("LBL-01", 500L), ("PCK-01", 120L), ("PCK-02", 80L) })
        {
            await (await client.PostJsonAsync($"/api/v1/machines/{machine}/events", new
            {
                why = "line throughput",
                events = new object[] { new { at = from, state = "Execute" }, new { at = from.AddHours(1), good, scrap = 0 }, new { at = to, state = "Stopped" } },
            })).OkJsonAsync();
        }

        var line = await KpisAsync(client, "line", "L3", from, to);
        Assert.Equal(["PCK-01", "PCK-02"], line.GetProperty("goodPerHourOf").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal((120 + 80) / 2.0, line.GetProperty("goodPerHour").GetDouble(), 6);
        var packer = await KpisAsync(client, "machine", "PCK-01", from, to);
        Assert.Equal(120 / 2.0, packer.GetProperty("goodPerHour").GetDouble(), 6);
    }

    internal static string KpiUrl(string entity, string id, DateTimeOffset from, DateTimeOffset to) =>
        $"/api/v1/kpis?entity={entity}&id={id}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";

    internal static async Task<JsonElement> KpisAsync(HttpClient client, string entity, string id, DateTimeOffset from, DateTimeOffset to)
    {
        var rows = await (await client.GetAsync(KpiUrl(entity, id, from, to))).OkJsonAsync();
        return Assert.Single(rows.EnumerateArray());
    }

    private static void AssertPercent(double expected, JsonElement kpis, string name) =>
        Assert.Equal(expected, Math.Round(kpis.GetProperty(name).GetDouble() * 100, 2));

    private static async Task PostShiftAsync(HttpClient client, string machine, int downMinutes, long good, long scrap, double priSeconds)
    {
        var failure = ShiftStart.AddHours(1);
        await (await client.PostJsonAsync($"/api/v1/machines/{machine}/events", new
        {
            why = "worked case",
            events = new object[]
            {
                new { at = ShiftStart, state = "Execute" },
                new { at = failure, state = "Aborted" },
                new { at = failure.AddMinutes(downMinutes), state = "Execute" },
                new { at = ShiftStart.AddHours(2), good, scrap, idealCycleTimeSeconds = priSeconds },
                new { at = ShiftEnd, state = "Stopped" },
            },
        })).OkJsonAsync();
    }
}
