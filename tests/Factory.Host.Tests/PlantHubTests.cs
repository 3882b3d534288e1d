using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Domain.PackMl;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Factory.Host.Tests;

public sealed class PlantHubTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task A_machine_subscriber_gets_a_snapshot_then_versioned_deltas_after_a_command()
    {
        await using var hub = await app.HubAsync();
        var changes = Channel.CreateUnbounded<MachineChanged>();
        hub.On<MachineChanged>("MachineChanged", c => changes.Writer.TryWrite(c));

        var snapshot = await hub.InvokeAsync<PlantSnapshot>("SubscribeMachine", "PCK-02");
        var before = Assert.Single(snapshot.Machines);
        Assert.Equal(PackMlState.Idle, before.State);

        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/machines/PCK-02/commands", new { command = "Start" })).OkJsonAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var starting = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal(before.Version + 1, starting.Version);
        Assert.Equal(PackMlState.Starting, starting.Machine.State);
        var execute = await changes.Reader.ReadAsync(timeout.Token);
        Assert.Equal(before.Version + 2, execute.Version);
        Assert.Equal(PackMlState.Execute, execute.Machine.State);
    }

    [Fact]
    public async Task A_site_subscriber_gets_the_whole_plant_and_line_deltas()
    {
        await using var hub = await app.HubAsync();
        var lines = Channel.CreateUnbounded<LineChanged>();
        hub.On<LineChanged>("LineChanged", c => lines.Writer.TryWrite(c));

        var snapshot = await hub.InvokeAsync<PlantSnapshot>("SubscribeSite", "plant-1");
        Assert.Equal("plant-1", snapshot.Site!.Id);
        Assert.True(snapshot.Lines.Count >= 3);
        Assert.True(snapshot.Machines.Count >= 12);
        Assert.Equal(20, snapshot.WorkOrders.Count);
        Assert.True(snapshot.Workers.Count >= 10);
        var line3 = snapshot.Lines.Single(l => l.Id == "L3");

        var client = await app.ReadyClientAsync();
        await (await client.PostJsonAsync("/api/v1/machines/INS-01/commands", new { command = "Abort" })).OkJsonAsync();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        LineChanged change;
        do
        {
            change = await lines.Reader.ReadAsync(timeout.Token);
        }
        while (change.Line.Id != "L3" || change.Line.MachinesFailed == line3.MachinesFailed);

        Assert.True(change.Version > line3.Version);
        Assert.Equal(line3.MachinesFailed + 1, change.Line.MachinesFailed);
    }

    [Fact]
    public async Task Subscribing_to_an_unknown_entity_is_an_error_the_client_sees()
    {
        await using var hub = await app.HubAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PlantSnapshot>("SubscribeMachine", "NOPE"));
        Assert.Contains("NOPE", error.Message);
    }
}
