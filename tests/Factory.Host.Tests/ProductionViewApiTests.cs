using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>What the manager's pages read: the current shift from the calendar, lost time with its Pareto, the site's alarm feed.</summary>
public sealed class ProductionViewApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    // Thursday 2026-11-05, Early shift 06:00–14:00 Europe/Berlin (05:00Z–13:00Z); the first break is at 09:00 local (08:00Z).
    private static readonly DateTimeOffset EarlyStart = new(2026, 11, 5, 5, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_current_shift_comes_from_the_site_calendar_and_matches_the_per_shift_kpi_rows()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var before = DateTimeOffset.UtcNow;
        var shift = await (await client.GetAsync("/api/v1/sites/plant-1/shifts/current")).OkJsonAsync();
        var start = shift.GetProperty("start").GetDateTimeOffset();
        var end = shift.GetProperty("end").GetDateTimeOffset();
        Assert.True(shift.GetProperty("fromCalendar").GetBoolean());
        Assert.Equal("Europe/Berlin", shift.GetProperty("timeZone").GetString());
        Assert.Contains(shift.GetProperty("name").GetString(), new[] { "Early", "Late", "Night" });
        Assert.True(start <= before.AddSeconds(1) && before < end.AddSeconds(1), $"{before:O} is not inside [{start:O}, {end:O})");
        // The demo plant's shifts are 8 hours long (a clock change can make a night shift 7 or 9).
        Assert.InRange((end - start).TotalHours, 7, 9);

        // The per-shift KPI rows of the same instant name the same shift instance.
        var rows = await (await client.GetAsync(OeeApiTests.KpiUrl("shift", "plant-1", start, start.AddMinutes(1)))).OkJsonAsync();
        var row = Assert.Single(rows.EnumerateArray());
        Assert.StartsWith(shift.GetProperty("id").GetString()! + "/", row.GetProperty("id").GetString());
        Assert.Equal(start, row.GetProperty("from").GetDateTimeOffset());

        await (await client.GetAsync("/api/v1/sites/NOPE/shifts/current")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Lost_time_lists_each_stop_and_its_pareto_agrees_with_the_kpis_before_and_after_a_reason()
    {
        var manager = await app.ReadyClientAsync();
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-01/events", new
        {
            events = new object[]
            {
                new { at = EarlyStart, state = "Execute" },
                new { at = EarlyStart.AddHours(1), state = "Stopped" },
                new { at = EarlyStart.AddHours(2), state = "Execute" },
                new { at = EarlyStart.AddMinutes(150), state = "Suspended" },
                new { at = EarlyStart.AddMinutes(160), state = "Execute" },
            },
        })).OkJsonAsync();
        var (from, to) = (EarlyStart, EarlyStart.AddHours(3));

        var report = await DowntimeAsync(control, "machine", "PCK-01", from, to);
        var stops = report.GetProperty("stops").EnumerateArray().ToList();
        Assert.Equal(2, stops.Count);
        Assert.Equal(EarlyStart.AddMinutes(150), stops[0].GetProperty("intervalStart").GetDateTimeOffset());
        Assert.Equal("Adet", stops[0].GetProperty("element").GetString());
        Assert.Equal(600, stops[0].GetProperty("seconds").GetDouble());
        Assert.Equal("Adot", stops[1].GetProperty("element").GetString());
        Assert.Equal(3600, stops[1].GetProperty("seconds").GetDouble());
        Assert.All(stops, s => Assert.True(s.GetProperty("unexplained").GetBoolean()));
        var pareto = Assert.Single(report.GetProperty("pareto").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, pareto.GetProperty("reasonCode").ValueKind);
        Assert.Equal(4200, pareto.GetProperty("lostSeconds").GetDouble());
        Assert.Equal(2, pareto.GetProperty("stops").GetInt32());
        await AssertLostTimeIsTheKpisLossAsync(control, report, from, to);

        // The page's "attach" is this call; the stop then counts under its reason (setup: ASUT) and leads the Pareto.
        await (await control.PostJsonAsync($"/api/v1/machines/PCK-01/downtime/{Uri.EscapeDataString(EarlyStart.AddHours(1).ToString("O"))}/reason",
            new { code = "changeover" })).OkJsonAsync();
        report = await DowntimeAsync(control, "line", "L3", from, to);
        var bars = report.GetProperty("pareto").EnumerateArray().ToList();
        Assert.Equal("changeover", bars[0].GetProperty("reasonCode").GetString());
        Assert.Equal("Setup", bars[0].GetProperty("category").GetString());
        Assert.Equal(3600, bars[0].GetProperty("lostSeconds").GetDouble());
        Assert.Equal(1.0, bars[^1].GetProperty("cumulativeShare").GetDouble(), 9);
        Assert.Equal("Asut", report.GetProperty("stops").EnumerateArray().Single(s => s.GetProperty("reasonCode").GetString() == "changeover").GetProperty("element").GetString());
        await AssertLostTimeIsTheKpisLossAsync(control, await DowntimeAsync(control, "machine", "PCK-01", from, to), from, to);
    }

    [Fact]
    public async Task Lost_time_refuses_bad_queries_with_problem_details()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var at = Uri.EscapeDataString(EarlyStart.ToString("O"));
        var later = Uri.EscapeDataString(EarlyStart.AddHours(1).ToString("O"));
        await (await client.GetAsync("/api/v1/downtime?entity=machine&id=PCK-02")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/downtime?entity=planet&id=PCK-02&from={at}&to={later}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/downtime?entity=machine&id=PCK-02&from={later}&to={at}")).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.GetAsync($"/api/v1/downtime?entity=machine&id=NOPE&from={at}&to={later}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.GetAsync($"/api/v1/downtime?entity=line&id=NOPE&from={at}&to={later}")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/v1/downtime?entity=machine&id=PCK-02&from=yesterday&to={later}")).StatusCode);
        using var anonymous = app.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/downtime?entity=machine&id=PCK-02&from={at}&to={later}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/sites/plant-1/shifts/current")).StatusCode);
    }

    [Fact]
    public async Task The_site_alarm_feed_sends_alarm_changes_without_subscribing_to_the_site()
    {
        var manager = await app.ReadyClientAsync();
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var changes = Channel.CreateUnbounded<AlarmChanged>();
        hub.On<AlarmChanged>("AlarmChanged", c => changes.Writer.TryWrite(c));
        var alarms = await hub.InvokeAsync<List<JsonElement>>("SubscribeAlarms", "plant-1");
        Assert.Contains(alarms, a => a.GetProperty("id").GetString() == "CNC-01.spindle-temp-high");
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<List<JsonElement>>("SubscribeAlarms", "NOPE"));

        await (await manager.PostJsonAsync("/api/v1/machines/CNC-01/events", new { events = new object[] { new { at = DateTimeOffset.UtcNow, tags = new { spindle = 95.0 } } } })).OkJsonAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        AlarmChanged change;
        do
        {
            change = await changes.Reader.ReadAsync(timeout.Token);
        }
        while (change.Alarm.Id != "CNC-01.spindle-temp-high");
        Assert.Equal(Factory.Domain.Alarms.AlarmState.Unacknowledged, change.Alarm.State);

        // Leaving the feed stops it: an acknowledge afterwards is not sent here.
        await hub.InvokeAsync("Unsubscribe", "alarms", "plant-1");
        await (await manager.PostJsonAsync("/api/v1/alarms/CNC-01.spindle-temp-high/acknowledge", new { comment = "seen" })).OkJsonAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/CNC-01/events", new { events = new object[] { new { at = DateTimeOffset.UtcNow, tags = new { spindle = 20.0 } } } })).OkJsonAsync();
        // A fresh subscription shows the cleared, acknowledged alarm as Normal.
        var after = await hub.InvokeAsync<List<JsonElement>>("SubscribeAlarms", "plant-1");
        Assert.Equal("Normal", after.Single(a => a.GetProperty("id").GetString() == "CNC-01.spindle-temp-high").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Managers_suppress_and_remove_alarms_from_service_audited_and_illegal_transitions_are_409()
    {
        const string alarm = "CNC-02.spindle-temp-high";
        var manager = await app.ReadyClientAsync();
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var url = $"/api/v1/alarms/{alarm}";

        // Refused before anything happened: not a manager, no reason, unknown alarm, nothing to undo.
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync($"{url}/suppress", new { reason = "commissioning" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync($"{url}/out-of-service", new { reason = "sensor repair" })).StatusCode);
        await (await manager.PostJsonAsync($"{url}/suppress", new { comment = "no reason given" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.PostJsonAsync($"{url}/out-of-service", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await manager.PostJsonAsync("/api/v1/alarms/NOPE/suppress", new { reason = "x" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await manager.PostJsonAsync($"{url}/unsuppress", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync($"{url}/return-to-service", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await control.PostJsonAsync($"{url}/reset", new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Normal", await AlarmStateAsync(control, alarm));
        Assert.Empty((await (await control.GetAsync("/api/v1/alarms?machineId=CNC-02")).OkJsonAsync()).GetProperty("history").EnumerateArray());

        var suppressed = await (await manager.PostJsonAsync($"{url}/suppress", new { reason = "spindle warm-up after maintenance" })).OkJsonAsync();
        Assert.Equal("Suppressed", suppressed.GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"{url}/suppress", new { reason = "again" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Suppressed", await AlarmStateAsync(control, alarm));
        Assert.Equal("Normal", (await (await manager.PostJsonAsync($"{url}/unsuppress", new { comment = "warm" })).OkJsonAsync()).GetProperty("state").GetString());

        Assert.Equal("OutOfService", (await (await manager.PostJsonAsync($"{url}/out-of-service", new { reason = "sensor repair" })).OkJsonAsync()).GetProperty("state").GetString());
        await (await manager.PostJsonAsync($"{url}/suppress", new { reason = "while out of service" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await manager.PostJsonAsync($"{url}/out-of-service", new { reason = "twice" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("OutOfService", await AlarmStateAsync(control, alarm));
        Assert.Equal("Normal", (await (await manager.PostJsonAsync($"{url}/return-to-service", new { comment = "repaired" })).OkJsonAsync()).GetProperty("state").GetString());

        var history = (await (await control.GetAsync("/api/v1/alarms?machineId=CNC-02")).OkJsonAsync()).GetProperty("history").EnumerateArray()
            .Select(e => (Action: e.GetProperty("action").GetString(), Who: e.GetProperty("who").GetString())).ToList();
        Assert.Equal(["ReturnedToService", "RemovedFromService", "Unsuppressed", "Suppressed"], history.Select(h => h.Action));
        Assert.All(history, h => Assert.Equal("manager", h.Who));

        var audit = (await (await manager.GetAsync("/api/v1/audit?action=alarm.")).OkJsonAsync()).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "alarm.suppress" && e.GetProperty("result").GetString() == "accepted"
            && e.GetProperty("why").GetString() == "spindle warm-up after maintenance" && e.GetProperty("who").GetString() == "manager");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "alarm.suppress" && e.GetProperty("result").GetString()!.StartsWith("refused (409)", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "alarm.out-of-service" && e.GetProperty("why").GetString() == "sensor repair");
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "alarm.return-to-service" && e.GetProperty("result").GetString() == "accepted");
    }

    private static async Task<string?> AlarmStateAsync(HttpClient client, string alarm) =>
        (await (await client.GetAsync($"/api/v1/alarms?machineId={alarm[..alarm.IndexOf('.', StringComparison.Ordinal)]}")).OkJsonAsync())
            .GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("id").GetString() == alarm).GetProperty("state").GetString();

    private static async Task<JsonElement> DowntimeAsync(HttpClient client, string entity, string id, DateTimeOffset from, DateTimeOffset to) =>
        await (await client.GetAsync($"/api/v1/downtime?entity={entity}&id={id}&from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}")).OkJsonAsync();

    private static async Task AssertLostTimeIsTheKpisLossAsync(HttpClient client, JsonElement report, DateTimeOffset from, DateTimeOffset to)
    {
        var time = (await OeeApiTests.KpisAsync(client, report.GetProperty("entity").GetString()!, report.GetProperty("id").GetString()!, from, to)).GetProperty("time");
        var loss = time.GetProperty("adot").GetDouble() + time.GetProperty("adet").GetDouble() + time.GetProperty("asut").GetDouble();
        Assert.Equal(loss, report.GetProperty("lostSeconds").GetDouble(), 6);
        Assert.Equal(loss, report.GetProperty("pareto").EnumerateArray().Sum(p => p.GetProperty("lostSeconds").GetDouble()), 6);
    }
}
