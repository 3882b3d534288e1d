using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;

namespace Factory.Host.Tests;

/// <summary>Alarms from tags through the API and hub, shelving expiry, the audit trail and its tamper check.</summary>
public sealed class AlarmAuditApiTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    private const string Alarm = "CNC-02.spindle-temp-high";

    [Fact]
    public async Task A_tag_raises_an_alarm_that_is_acknowledged_shelved_and_unshelved_automatically_all_audited()
    {
        var manager = await app.ReadyClientAsync();
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var changes = Channel.CreateUnbounded<AlarmChanged>();
        hub.On<AlarmChanged>("AlarmChanged", c => changes.Writer.TryWrite(c));
        await hub.InvokeAsync<object>("SubscribeMachine", "CNC-02");

        // Refused before anything happened: acknowledging a normal alarm, shelving without a reason, unknown alarm.
        await (await control.PostJsonAsync($"/api/v1/alarms/{Alarm}/acknowledge", new { comment = "nothing there" })).ProblemAsync(HttpStatusCode.Conflict);
        await (await control.PostJsonAsync($"/api/v1/alarms/{Alarm}/shelve", new { until = DateTimeOffset.UtcNow.AddMinutes(5) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await control.PostJsonAsync("/api/v1/alarms/NOPE/acknowledge", new { })).ProblemAsync(HttpStatusCode.NotFound);

        var now = DateTimeOffset.UtcNow;
        await (await manager.PostJsonAsync("/api/v1/machines/CNC-02/events", new { events = new object[] { new { at = now, tags = new { spindle = 95.0 } } } })).OkJsonAsync();
        Assert.Equal("Unacknowledged", (await AlarmAsync(control)).GetProperty("state").GetString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var activated = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal(Alarm, activated.Alarm.Id);
        Assert.Equal(Factory.Domain.Alarms.AlarmState.Unacknowledged, activated.Alarm.State);

        var acked = await (await control.PostJsonAsync($"/api/v1/alarms/{Alarm}/acknowledge", new { comment = "coolant checked" })).OkJsonAsync();
        Assert.Equal("Acknowledged", acked.GetProperty("state").GetString());

        var shelved = await (await control.PostJsonAsync($"/api/v1/alarms/{Alarm}/shelve",
            new { reason = "sensor being replaced", until = DateTimeOffset.UtcNow.AddSeconds(1.5) })).OkJsonAsync();
        Assert.Equal("Shelved", shelved.GetProperty("state").GetString());
        Assert.Equal("control", shelved.GetProperty("shelvedBy").GetString());

        // The shelf expires by itself; the condition is still active, so the alarm must be seen again.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        JsonElement alarm;
        while ((alarm = await AlarmAsync(control)).GetProperty("state").GetString() == "Shelved")
        {
            Assert.True(DateTime.UtcNow < deadline, "the shelf was not lifted automatically");
            await Task.Delay(100);
        }

        Assert.Equal("Unacknowledged", alarm.GetProperty("state").GetString());
        var history = await (await control.GetAsync("/api/v1/alarms?machineId=CNC-02")).OkJsonAsync();
        var actions = history.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Contains("ShelfExpired", actions);
        Assert.Contains("Acknowledged", actions);
        var byControl = await (await control.GetAsync("/api/v1/alarms?machineId=CNC-02&user=control")).OkJsonAsync();
        Assert.All(byControl.GetProperty("history").EnumerateArray(), e => Assert.Equal("control", e.GetProperty("who").GetString()));
        Assert.Contains("ShelfExpired", await (await control.GetAsync("/api/v1/alarms.csv?machineId=CNC-02")).Content.ReadAsStringAsync());
        var analytics = await (await control.GetAsync("/api/v1/alarms/analytics")).OkJsonAsync();
        Assert.True(analytics.GetProperty("ratePerHour").GetArrayLength() > 0);

        var audit = await (await manager.GetAsync("/api/v1/audit?action=alarm.")).OkJsonAsync();
        var entries = audit.EnumerateArray().ToList();
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "alarm.acknowledge" && e.GetProperty("who").GetString() == "control"
            && e.GetProperty("result").GetString() == "accepted" && e.GetProperty("why").GetString() == "coolant checked");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "alarm.shelve" && e.GetProperty("why").GetString() == "sensor being replaced");
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "alarm.acknowledge" && e.GetProperty("result").GetString()!.StartsWith("refused (409)", StringComparison.Ordinal));
        var verify = await (await manager.GetAsync("/api/v1/audit/verify")).OkJsonAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }

    private static async Task<JsonElement> AlarmAsync(HttpClient client)
    {
        var list = await (await client.GetAsync("/api/v1/alarms?machineId=CNC-02")).OkJsonAsync();
        return list.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("id").GetString() == Alarm);
    }
}
