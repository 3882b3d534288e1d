using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Host.Tests;

/// <summary>
/// Sessions end when the users change (#11, finding 10): a removed user's session cookie and open hub connection stop
/// working at once, and so does the cookie of a user whose role changed; the others carry on.
/// </summary>
public sealed class SessionEndTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_removed_or_re_roled_user_loses_their_sessions_and_others_keep_theirs()
    {
        await app.ReadyClientAsync();
        var operatorBrowser = await SignedInAsync(FactoryWebApp.Operator);
        var controlBrowser = await SignedInAsync(FactoryWebApp.ControlRoom);
        var managerBrowser = await SignedInAsync(FactoryWebApp.Manager);
        await using var operatorHub = await app.HubAsync(FactoryWebApp.Operator);
        await using var managerHub = await app.HubAsync(FactoryWebApp.Manager);
        var operatorClosed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        operatorHub.Closed += _ =>
        {
            operatorClosed.TrySetResult();
            return Task.CompletedTask;
        };

        // The administrator removes the operator (renames the entry) and makes the control-room user a manager.
        var operatorIndex = TestUsers.All.ToList().FindIndex(u => u.Name == FactoryWebApp.Operator.Name);
        var controlIndex = TestUsers.All.ToList().FindIndex(u => u.Name == FactoryWebApp.ControlRoom.Name);
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration[$"Factory:Users:{operatorIndex}:Name"] = "someone-else";
        configuration[$"Factory:Users:{controlIndex}:Role"] = "Manager";
        configuration.Reload();

        // The removed user's hub connection is closed, and their cookie no longer works.
        await operatorClosed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.Unauthorized, (await operatorBrowser.GetAsync("/api/v1/auth/me")).StatusCode);
        using (var basic = app.CreateClient())
        {
            basic.DefaultRequestHeaders.Add("Authorization", FactoryWebApp.Basic(FactoryWebApp.Operator));
            Assert.Equal(HttpStatusCode.Unauthorized, (await basic.GetAsync("/api/v1/auth/me")).StatusCode);
        }

        // The re-roled user's old session ends; signing in again gives the new role.
        Assert.Equal(HttpStatusCode.Unauthorized, (await controlBrowser.GetAsync("/api/v1/auth/me")).StatusCode);
        var again = await SignedInAsync(FactoryWebApp.ControlRoom);
        var me = await (await again.GetAsync("/api/v1/auth/me")).OkJsonAsync();
        Assert.Equal("Manager", me.GetProperty("role").GetString());

        // Everyone else carries on.
        Assert.Equal(HttpStatusCode.OK, (await managerBrowser.GetAsync("/api/v1/auth/me")).StatusCode);
        Assert.Equal(HubConnectionState.Connected, managerHub.State);
        var snapshot = await managerHub.InvokeAsync<System.Text.Json.JsonElement>("SubscribeSite", "plant-1");
        Assert.NotEqual(System.Text.Json.JsonValueKind.Undefined, snapshot.ValueKind);
    }

    private async Task<HttpClient> SignedInAsync((string Name, string Password) user)
    {
        var browser = app.CreateClient(); // keeps cookies, as a browser does
        using var login = await browser.PostAsJsonAsync("/api/v1/auth/login", new { userName = user.Name, password = user.Password });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/api/v1/auth/me")).StatusCode);
        return browser;
    }
}
