using System.Net;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>An operator acts on the machines they are bound to (CNC-01, CNC-02) and on no other, over REST and the hub.</summary>
public sealed class OperatorAccessTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task An_operator_commands_their_own_machine()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);

        var machine = await (await client.PostJsonAsync("/api/v1/machines/CNC-01/commands", new { command = "Start" })).OkJsonAsync();

        Assert.Equal("Starting", machine.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_operator_is_refused_another_machine_with_403_and_nothing_changes()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        var before = await (await client.GetAsync("/api/v1/machines/CNC-04")).OkJsonAsync();

        var problem = await (await client.PostJsonAsync("/api/v1/machines/CNC-04/commands", new { command = "Start" })).ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("not one of your machines", problem.GetProperty("detail").GetString());
        var after = await (await client.GetAsync("/api/v1/machines/CNC-04")).OkJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("state").GetString(), after.GetProperty("state").GetString());
    }

    [Fact]
    public async Task An_operator_may_not_attach_a_reason_to_another_machine_over_REST()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);

        var problem = await (await client.PostJsonAsync($"/api/v1/machines/CNC-04/downtime/{DateTimeOffset.UtcNow:O}/reason", new { code = "x" }))
            .ProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("not one of your machines", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_hub_applies_the_same_rule()
    {
        await using var hub = await app.HubAsync(FactoryWebApp.Operator);

        var refused = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync("AttachDowntimeReason", "CNC-04", DateTimeOffset.UtcNow, "x", (string?)null));
        Assert.Contains("not one of your machines", refused.Message);

        // On their own machine the operator passes the access check and meets the next one: the reason tree.
        var own = await Assert.ThrowsAsync<HubException>(() =>
            hub.InvokeAsync("AttachDowntimeReason", "CNC-01", DateTimeOffset.UtcNow, "no-such-reason", (string?)null));
        Assert.Contains("not in the reason tree", own.Message);
    }

    [Fact]
    public async Task Alarm_commands_follow_the_same_rule_over_REST_and_the_hub()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.Operator);
        await using var hub = await app.HubAsync(FactoryWebApp.Operator);

        var problem = await (await client.PostJsonAsync("/api/v1/alarms/CNC-04.fault/acknowledge", new { })).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("not one of your machines", problem.GetProperty("detail").GetString());
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<object>("AcknowledgeAlarm", "CNC-04.fault", (string?)null));
        Assert.Contains("not one of your machines", refused.Message);

        // Their own machine's alarm passes the access check; a normal alarm has nothing to acknowledge (409).
        await (await client.PostJsonAsync("/api/v1/alarms/CNC-01.fault/acknowledge", new { })).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_control_room_user_still_may_not_command_machines()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);

        var answer = await client.PostJsonAsync("/api/v1/machines/CNC-01/commands", new { command = "Stop" });

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
    }
}
