using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

public sealed class SecurityTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Theory]
    [InlineData("/api/v1/machines")]
    [InlineData("/api/v1/workorders/WO-1001")]
    [InlineData("/api/v1/auth/me")]
    public async Task Anonymous_reads_are_401(string url)
    {
        var client = await app.ReadyClientAsync(null);
        await (await client.GetAsync(url)).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_password_is_401()
    {
        var client = await app.ReadyClientAsync(("manager", "wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/machines")).StatusCode);
    }

    [Fact]
    public async Task Control_room_reads_but_every_change_is_403_and_changes_nothing()
    {
        var client = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        var before = await (await client.GetAsync("/api/v1/machines/DRL-01")).OkJsonAsync();

        await (await client.PostJsonAsync("/api/v1/machines/DRL-01/commands", new { command = "Abort" })).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PutJsonAsync("/api/v1/workorders/WO-1001/operations/10/assignment", new { machineId = "CNC-01", workerId = "W01" }))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsync("/api/v1/workers/W01/clock-out", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostJsonAsync("/api/v1/workorders", new { siteId = "plant-1" })).ProblemAsync(HttpStatusCode.Forbidden);

        var after = await (await client.GetAsync("/api/v1/machines/DRL-01")).OkJsonAsync();
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task The_dashboard_signs_in_with_a_cookie()
    {
        await app.ReadyClientAsync(null);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

        await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "manager", password = "nope" })).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "" })).ProblemAsync(HttpStatusCode.BadRequest);
        var me = await (await browser.PostJsonAsync("/api/v1/auth/login", new { userName = "Control", password = "control" })).OkJsonAsync();
        Assert.Equal("ControlRoom", me.GetProperty("role").GetString());
        Assert.False(me.GetProperty("canManage").GetBoolean());

        await (await browser.GetAsync("/api/v1/lines")).OkJsonAsync();
        Assert.Equal("control", (await (await browser.GetAsync("/api/v1/auth/me")).OkJsonAsync()).GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await browser.PostAsync("/api/v1/auth/logout", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/lines")).StatusCode);
    }

    [Fact]
    public async Task The_hub_refuses_anonymous_clients()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(async () => await app.HubAsync(null));
        Assert.Contains("401", error.Message);
    }

    [Fact]
    public async Task The_hub_serves_the_control_room()
    {
        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var snapshot = await hub.InvokeAsync<Factory.Host.Hub.PlantSnapshot>("SubscribeLine", "L1");
        Assert.NotEmpty(snapshot.Machines);
    }
}
