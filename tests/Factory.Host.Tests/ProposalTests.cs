using System.Net;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

/// <summary>Proposal mode through the API and the hub, with the optimizer off so proposals are not superseded mid-test.</summary>
public sealed class ProposalTests(ProposalTests.App app) : IClassFixture<ProposalTests.App>
{
    [Fact]
    public async Task A_manager_accepts_and_rejects_offered_replans()
    {
        var manager = await app.ReadyClientAsync();
        await (await manager.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "Proposal" })).OkJsonAsync();
        await using var hub = await app.HubAsync();
        var proposals = Channel.CreateUnbounded<ProposalChanged>();
        hub.On<ProposalChanged>("ProposalChanged", p => proposals.Writer.TryWrite(p));
        await hub.InvokeAsync<Factory.Host.Hub.PlantSnapshot>("SubscribeSite", "plant-1");
        var version = (await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync()).GetProperty("version").GetInt64();

        await (await manager.PostAsync("/api/v1/workers/W02/clock-out", null)).OkJsonAsync();
        var offered = await NextAsync(proposals, "offered");
        Assert.Equal(version, offered.Proposal.BasedOnVersion);
        var plan = await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        Assert.Equal(version, plan.GetProperty("version").GetInt64());

        var control = await app.ReadyClientAsync(FactoryWebApp.ControlRoom);
        await (await control.PostAsync($"/api/v1/sites/plant-1/plan/proposals/{offered.ProposalId}/reject", null)).ProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostAsync($"/api/v1/sites/plant-1/plan/proposals/{offered.ProposalId}/reject", null)).OkJsonAsync();
        Assert.Equal("manager", (await NextAsync(proposals, "rejected")).DecidedBy);

        // Back in, then out again: each re-plan may offer a proposal, and a newer one supersedes the older. A manager
        // accepts the one pending; if it was superseded in between, the refusal says so and the newer one is taken.
        await (await manager.PostAsync("/api/v1/workers/W02/clock-in", null)).OkJsonAsync();
        await (await manager.PostAsync("/api/v1/workers/W02/clock-out", null)).OkJsonAsync();
        await NextAsync(proposals, "offered");
        Factory.Contracts.Views.PlanView? accepted = null;
        long acceptedId = 0;
        for (var attempt = 0; accepted is null && attempt < 5; attempt++)
        {
            var pending = await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
            acceptedId = pending.GetProperty("proposal").GetProperty("id").GetInt64();
            try
            {
                accepted = await hub.InvokeAsync<Factory.Contracts.Views.PlanView>("AcceptProposal", "plant-1", acceptedId);
            }
            catch (Microsoft.AspNetCore.SignalR.HubException e) when (e.Message.Contains("not pending"))
            {
            }
        }

        Assert.NotNull(accepted);
        Assert.Equal(version + 1, accepted.Version);
        Assert.Null(accepted.Proposal);
        Assert.Equal("accepted", (await NextAsync(proposals, "accepted")).Status);
        await (await manager.PostAsync($"/api/v1/sites/plant-1/plan/proposals/{acceptedId}/accept", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task<ProposalChanged> NextAsync(Channel<ProposalChanged> proposals, string status)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ProposalChanged change;
        do
        {
            change = await proposals.Reader.ReadAsync(timeout.Token);
        }
        while (change.Status != status);

        return change;
    }

    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
        }
    }
}
