using System.Net;
using Factory.Contracts.Events;
using Factory.Contracts.Grains;
using Factory.Contracts.Views;
using Factory.Grains;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Factory.Host.Tests;

/// <summary>
/// #11 finding 10 at the edge: a command whose grain cannot store its change is answered 503 problem details (nothing
/// was changed, try again), audited as refused, and the machine answers as before; once storage works the same command
/// succeeds; a hub decision is refused the same way. The fault is injected into the host's real grain storage for one grain only.
/// </summary>
public sealed class StorageFaultTests
{
    private const string Machine = "CNC-03";

    [Fact]
    public async Task A_command_whose_write_fails_is_503_problem_details_audited_as_refused_and_changes_nothing()
    {
        await using var app = new FaultyStorageHost();
        var client = await app.ReadyClientAsync();
        var before = await (await client.GetAsync($"/api/v1/machines/{Machine}")).OkJsonAsync();

        app.FailingGrain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IMachineGrain>(Machine).GetGrainId();
        var refused = await client.PostJsonAsync($"/api/v1/machines/{Machine}/commands", new { command = "Start" });
        var problem = await refused.ProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("nothing was changed", problem.GetProperty("detail").GetString());
        Assert.NotNull(refused.Headers.RetryAfter);
        var after = await (await client.GetAsync($"/api/v1/machines/{Machine}")).OkJsonAsync();
        Assert.Equal(before.GetProperty("state").GetString(), after.GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        app.FailingGrain = null;

        var started = await (await client.PostJsonAsync($"/api/v1/machines/{Machine}/commands", new { command = "Start" })).OkJsonAsync();
        Assert.Equal("Starting", started.GetProperty("state").GetString());
        var audited = (await (await client.GetAsync("/api/v1/audit?user=manager")).OkJsonAsync()).EnumerateArray()
            .Where(e => e.GetProperty("target").GetString() == $"/api/v1/machines/{Machine}/commands")
            .Select(e => e.GetProperty("result").GetString())
            .ToList();
        Assert.Equal(2, audited.Count);
        Assert.StartsWith("refused (503)", audited[0]);
        Assert.Equal("accepted", audited[1]);
    }

    [Fact]
    public async Task A_hub_decision_whose_write_fails_is_refused_saying_nothing_was_changed()
    {
        await using var app = new FaultyStorageHost();
        var manager = await app.ReadyClientAsync();
        await (await manager.PutJsonAsync("/api/v1/sites/plant-1/plan/mode", new { mode = "Proposal" })).OkJsonAsync();
        await using var hub = await app.HubAsync();
        var offered = new TaskCompletionSource<ProposalChanged>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.On<ProposalChanged>("ProposalChanged", p =>
        {
            if (p.Status == "offered")
            {
                offered.TrySetResult(p);
            }
        });
        await hub.InvokeAsync<Factory.Host.Hub.PlantSnapshot>("SubscribeSite", "plant-1");
        await (await manager.PostAsync("/api/v1/workers/W02/clock-out", null)).OkJsonAsync();
        var proposal = await offered.Task.WaitAsync(TimeSpan.FromSeconds(30));

        app.FailingGrain = app.Services.GetRequiredService<IGrainFactory>().GetGrain<IDispatcherGrain>("plant-1").GetGrainId();
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PlanView>("RejectProposal", "plant-1", proposal.ProposalId));
        Assert.Contains("nothing was changed", refused.Message);
        var plan = await (await manager.GetAsync("/api/v1/sites/plant-1/plan")).OkJsonAsync();
        Assert.Equal(proposal.ProposalId, plan.GetProperty("proposal").GetProperty("id").GetInt64());
        app.FailingGrain = null;

        var rejected = await hub.InvokeAsync<PlanView>("RejectProposal", "plant-1", proposal.ProposalId);
        Assert.Null(rejected.Proposal);
    }

    /// <summary>The real host whose plant storage fails the writes of <see cref="FailingGrain"/> while it is set.</summary>
    private sealed class FaultyStorageHost : FactoryWebApp
    {
        // Set by the test, read by the silo's storage on other threads: a reference, so a volatile field will do.
        private volatile string? _failing;

        public GrainId? FailingGrain
        {
            get => _failing is { } id ? GrainId.Parse(id) : null;
            set => _failing = value?.ToString();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            // No background optimizer: a proposal a test decides on is not superseded in between.
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
            builder.ConfigureTestServices(services =>
            {
                var real = services.Single(d => d.ServiceType == typeof(IGrainStorage) && d.IsKeyedService && Equals(d.ServiceKey, StorageNames.Plant));
                services.Remove(real);
                services.AddKeyedSingleton<IGrainStorage>(StorageNames.Plant, (sp, key) =>
                    new FailingWrites((IGrainStorage)real.KeyedImplementationFactory!(sp, key), this));
            });
        }

        private sealed class FailingWrites(IGrainStorage inner, FaultyStorageHost host) : IGrainStorage
        {
            public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
                inner.ReadStateAsync(stateName, grainId, grainState);

            public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
                host.FailingGrain is { } failing && failing == grainId
                    ? Task.FromException(new IOException($"injected fault: writing {stateName} of {grainId} failed (disk full)"))
                    : inner.WriteStateAsync(stateName, grainId, grainState);

            public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
                inner.ClearStateAsync(stateName, grainId, grainState);
        }
    }
}
