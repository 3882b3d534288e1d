using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>Live KPI deltas on the hub equal a /kpis query for the same window; safety stops are logged and counted.</summary>
public sealed class LiveKpiTests(RoundTheClockWebApp app) : IClassFixture<RoundTheClockWebApp>
{
    [Fact]
    public async Task The_live_kpi_delta_equals_the_recomputed_figures_for_its_window()
    {
        var client = await app.ReadyClientAsync();
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var deltas = Channel.CreateUnbounded<KpiChanged>();
        hub.On<KpiChanged>("KpiChanged", c => deltas.Writer.TryWrite(c));
        await hub.InvokeAsync<object>("SubscribeMachine", "WLD-01");

        var now = DateTimeOffset.UtcNow;
        await (await client.PostJsonAsync("/api/v1/machines/WLD-01/events", new
        {
            events = new object[] { new { at = now.AddSeconds(-30), state = "Execute" }, new { at = now.AddSeconds(-10), good = 7, scrap = 1 } },
        })).OkJsonAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        KpiChanged live;
        do
        {
            live = await deltas.Reader.ReadAsync(timeout.Token);
        }
        while (live.Kpis.Entity != "machine" || live.Kpis.Good < 7);

        Assert.Equal("WLD-01", live.Kpis.Id);
        var recomputed = await OeeApiTests.KpisAsync(client, "machine", "WLD-01", live.Kpis.From, live.Kpis.To);
        Assert.Equal(live.Kpis.Time.Apt, recomputed.GetProperty("time").GetProperty("apt").GetDouble());
        Assert.Equal(live.Kpis.Time.Pbt, recomputed.GetProperty("time").GetProperty("pbt").GetDouble());
        // Null when the window so far holds no planned busy time: both must agree on that too.
        Assert.Equal(live.Kpis.Availability, Nullable(recomputed.GetProperty("availability")));
        Assert.Equal(live.Kpis.Oee, Nullable(recomputed.GetProperty("oee")));
        Assert.Equal(live.Kpis.Produced, recomputed.GetProperty("produced").GetInt64());

        var snapshot = await hub.InvokeAsync<Factory.Contracts.Production.KpiView>("GetLiveKpis", "line", "L2");
        Assert.Equal("line", snapshot.Entity);
        Assert.True(snapshot.Produced >= 8);
        // The starting row comes from the feed's kept figures: it must be what /kpis recomputes for its window too.
        var line = await OeeApiTests.KpisAsync(client, "line", "L2", snapshot.From, snapshot.To);
        Assert.Equal(snapshot.Produced, line.GetProperty("produced").GetInt64());
        Assert.Equal(snapshot.Time.Apt, line.GetProperty("time").GetProperty("apt").GetDouble());
        Assert.Equal(snapshot.Time.Pbt, line.GetProperty("time").GetProperty("pbt").GetDouble());
        var alarms = await hub.InvokeAsync<List<Factory.Contracts.Production.AlarmView>>("GetAlarms", "site", "plant-1");
        // Two spindle-temperature alarms and every one of the 14 machines' PLC fault bit, beside the four andon
        // calls (material, quality, maintenance, help) each machine has.
        Assert.Equal(16, alarms.Count(a => !a.Id.Contains(".andon.", StringComparison.Ordinal)));
        Assert.Equal(14 * 4, alarms.Count(a => a.Id.Contains(".andon.", StringComparison.Ordinal)));
        Assert.Equal(14, alarms.Where(a => a.Id.Contains(".fault", StringComparison.Ordinal)).Select(a => a.MachineId).Distinct().Count());
    }

    [Fact]
    public async Task An_emergency_stop_tag_raises_a_logged_and_counted_safety_event()
    {
        var client = await app.ReadyClientAsync();
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var events = Channel.CreateUnbounded<SafetyEventRaised>();
        hub.On<SafetyEventRaised>("SafetyEvent", e => events.Writer.TryWrite(e));
        await hub.InvokeAsync<object>("SubscribeLine", "L1");

        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/events", new
        {
            events = new object[] { new { at, tags = new { estop = 1.0 } }, new { at = at.AddMinutes(2), tags = new { estop = 0.0 } } },
        })).OkJsonAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var raised = await events.Reader.ReadAsync(timeout.Token);
        Assert.Equal("CNC-01", raised.SafetyEvent.MachineId);
        var logged = await (await client.GetAsync("/api/v1/safety/events?machineId=CNC-01")).OkJsonAsync();
        var stop = Assert.Single(logged.EnumerateArray());
        Assert.Equal("EmergencyStop", stop.GetProperty("kind").GetString());
        Assert.Equal(at.AddMinutes(2), stop.GetProperty("end").GetDateTimeOffset());
        var summary = await (await client.GetAsync("/api/v1/safety/summary")).OkJsonAsync();
        Assert.Equal(1, summary.GetProperty("safetyStops").GetInt32());
        Assert.Equal(120, summary.GetProperty("stoppedSeconds").GetDouble());
    }

    private static double? Nullable(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetDouble();
}
