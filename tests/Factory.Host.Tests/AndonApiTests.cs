using System.Net;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>The andon over the API: an operator calls on their own machines, is refused on others, and a call explains a stop.</summary>
public sealed class AndonApiTests(RoundTheClockWebApp app) : IClassFixture<RoundTheClockWebApp>
{
    [Fact]
    public async Task An_operator_pulls_the_andon_on_their_machine_and_the_control_room_acknowledges_it_after_it_is_answered()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);

        var pulled = await (await client.PostJsonAsync("/api/v1/machines/CNC-01/andon", new { kind = "quality", note = "burrs" })).OkJsonAsync();
        var alarm = pulled.GetProperty("alarm");
        Assert.Equal("CNC-01.andon.quality", alarm.GetProperty("id").GetString());
        Assert.Equal("Unacknowledged", alarm.GetProperty("state").GetString());
        Assert.Equal("High", alarm.GetProperty("priority").GetString());
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/andon", new { kind = "quality" })).ProblemAsync(HttpStatusCode.Conflict);

        var live = await AlarmAsync(control, "CNC-01", "CNC-01.andon.quality");
        Assert.True(live.GetProperty("conditionActive").GetBoolean());
        var history = await (await control.GetAsync("/api/v1/alarms?machineId=CNC-01")).OkJsonAsync();
        Assert.Contains(history.GetProperty("history").EnumerateArray(), e =>
            e.GetProperty("alarmId").GetString() == "CNC-01.andon.quality" && e.GetProperty("why").GetString()!.Contains("operator: burrs", StringComparison.Ordinal));

        var answered = await (await client.PostJsonAsync("/api/v1/machines/CNC-01/andon/CNC-01.andon.quality/clear", new { })).OkJsonAsync();
        Assert.Equal("ReturnedUnacknowledged", answered.GetProperty("state").GetString());
        await (await client.PostJsonAsync("/api/v1/machines/CNC-01/andon/CNC-01.andon.quality/clear", new { })).ProblemAsync(HttpStatusCode.Conflict);
        var acked = await (await control.PostJsonAsync("/api/v1/alarms/CNC-01.andon.quality/acknowledge", new { comment = "deburred" })).OkJsonAsync();
        Assert.Equal("Normal", acked.GetProperty("state").GetString());

        var manager = await app.ReadyClientAsync();
        var audit = await (await manager.GetAsync("/api/v1/audit?action=andon.pull")).OkJsonAsync();
        Assert.Contains(audit.EnumerateArray(), e => e.GetProperty("who").GetString() == "operator");
    }

    [Fact]
    public async Task An_operator_may_not_call_or_answer_on_another_machine_and_nothing_changes()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var before = await AlarmAsync(control, "CNC-04", "CNC-04.andon.help");

        var problem = await (await client.PostJsonAsync("/api/v1/machines/CNC-04/andon", new { kind = "help" })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not one of your machines", problem.GetProperty("detail").GetString());
        await (await client.PostJsonAsync("/api/v1/machines/CNC-04/andon/CNC-04.andon.help/clear", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await control.PostJsonAsync("/api/v1/machines/CNC-01/andon", new { kind = "help" })).StatusCode);

        var after = await AlarmAsync(control, "CNC-04", "CNC-04.andon.help");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.False(after.GetProperty("conditionActive").GetBoolean());
    }

    [Fact]
    public async Task Bad_calls_are_refused_with_problem_details()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-02/andon", new { kind = "coffee" })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-02/andon", new { })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-02/andon", new { kind = "help", note = new string('x', 501) })).ProblemAsync(HttpStatusCode.BadRequest);
        await (await client.PostJsonAsync("/api/v1/machines/NOPE/andon", new { kind = "help" })).ProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostJsonAsync("/api/v1/machines/CNC-02/andon/CNC-02.fault/clear", new { })).ProblemAsync(HttpStatusCode.NotFound);

        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        Assert.False((await AlarmAsync(control, "CNC-02", "CNC-02.andon.help")).GetProperty("conditionActive").GetBoolean());
    }

    [Fact]
    public async Task A_material_call_during_an_unexplained_stop_explains_it_from_the_stops_start()
    {
        var manager = await app.ReadyClientAsync();
        var stoppedAt = DateTimeOffset.UtcNow;
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/events", new { events = new object[] { new { at = stoppedAt, state = "Held" } } })).OkJsonAsync();

        var pulled = await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/andon", new { kind = "material" })).OkJsonAsync();

        Assert.Equal("material", pulled.GetProperty("stopReason").GetString());
        Assert.Equal(stoppedAt, pulled.GetProperty("stopStart").GetDateTimeOffset());
        var from = Uri.EscapeDataString(stoppedAt.AddMinutes(-1).ToString("O"));
        var to = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"));
        var report = await (await manager.GetAsync($"/api/v1/downtime?entity=machine&id=PCK-02&from={from}&to={to}")).OkJsonAsync();
        var stop = Assert.Single(report.GetProperty("stops").EnumerateArray(), s => s.GetProperty("intervalStart").GetDateTimeOffset() == stoppedAt);
        Assert.Equal("material", stop.GetProperty("reasonCode").GetString());
        Assert.Contains(report.GetProperty("pareto").EnumerateArray(), p => p.GetProperty("reasonCode").GetString() == "material");

        // A second kind while the stop is explained attaches nothing: the first explanation stands.
        var help = await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/andon", new { kind = "help" })).OkJsonAsync();
        Assert.Equal(JsonValueKind.Null, help.GetProperty("stopReason").ValueKind);
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/andon/PCK-02.andon.material/clear", new { })).OkJsonAsync();
        await (await manager.PostJsonAsync("/api/v1/machines/PCK-02/andon/PCK-02.andon.help/clear", new { })).OkJsonAsync();
    }

    private static async Task<JsonElement> AlarmAsync(HttpClient client, string machine, string alarmId)
    {
        var alarms = await (await client.GetAsync($"/api/v1/alarms?machineId={machine}")).OkJsonAsync();
        return alarms.GetProperty("alarms").EnumerateArray().Single(a => a.GetProperty("id").GetString() == alarmId);
    }
}
