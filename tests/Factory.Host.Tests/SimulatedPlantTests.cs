using System.Net;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Domain.PackMl;
using Factory.OpcUa.Encoding;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Host.Tests;

/// <summary>The default run's path: the built-in simulator serves OPC UA on loopback, the connectors feed the grains.</summary>
public sealed class SimulatedPlantTests(SimulatedPlantTests.App app) : IClassFixture<SimulatedPlantTests.App>
{
    [Fact]
    public async Task Machines_change_live_from_the_simulator_and_a_command_through_the_API_reaches_the_simulated_plc()
    {
        var client = await app.ReadyClientAsync();
        var connection = await WaitAsync(async () =>
        {
            var all = await (await client.GetAsync("/api/v1/connections")).OkJsonAsync();
            return all.EnumerateArray().FirstOrDefault(c => c.GetProperty("state").GetString() == "Connected" && c.GetProperty("tagUpdates").GetInt64() > 0);
        });
        Assert.Equal(14, connection.GetProperty("machineIds").GetArrayLength());

        // The default run reads its own simulator over a signed and encrypted channel (each side trusting the other).
        var connectors = app.Services.GetRequiredService<Factory.Connectivity.PlantConnectivity>().All.OfType<Factory.Connectivity.EndpointConnector>().ToList();
        Assert.NotEmpty(connectors);
        Assert.All(connectors, c => Assert.Equal(Factory.OpcUa.Services.MessageSecurityMode.SignAndEncrypt, c.Settings.SecurityMode));

        await using var hub = await app.HubAsync(FactoryWebApp.ControlRoom);
        var changes = Channel.CreateUnbounded<MachineChanged>();
        hub.On<MachineChanged>("MachineChanged", c => changes.Writer.TryWrite(c));
        var snapshot = await hub.InvokeAsync<Factory.Host.Hub.PlantSnapshot>("SubscribeMachine", "CNC-03");
        Assert.Equal("sim", snapshot.Machines[0].Source);

        // Started through the API, the simulated PLC produces by itself (the demo's machines wait in Idle for work).
        await (await client.PostJsonAsync("/api/v1/machines/CNC-03/commands", new { command = "Start" })).OkJsonAsync(HttpStatusCode.Accepted);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            while ((await changes.Reader.ReadAsync(timeout.Token)).Machine.Telemetry.ProducedCount <= snapshot.Machines[0].Telemetry.ProducedCount)
            {
            }
        }

        var accepted = await client.PostJsonAsync("/api/v1/machines/CNC-03/commands", new { command = "Abort" });
        await accepted.OkJsonAsync(HttpStatusCode.Accepted);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while ((await changes.Reader.ReadAsync(timeout.Token)).Machine.State != PackMlState.Aborted)
            {
            }
        }

        // A speed setpoint goes to the PLC too, and comes back through its tags.
        await (await client.PutJsonAsync("/api/v1/machines/CNC-02/setpoint", new { speed = 3.5 })).OkJsonAsync(HttpStatusCode.Accepted);
        await (await client.PutJsonAsync("/api/v1/machines/CNC-02/setpoint", new { speed = -1 })).ProblemAsync(HttpStatusCode.BadRequest);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await (await client.GetAsync("/api/v1/machines/CNC-02")).OkJsonAsync()).GetProperty("telemetry").GetProperty("setpoint").GetDouble() != 3.5)
        {
            Assert.True(DateTime.UtcNow < deadline, "the setpoint did not come back from the simulated PLC");
            await Task.Delay(100);
        }

        // The PLC owns the state: an illegal command is refused before anything is written.
        await (await client.PostJsonAsync("/api/v1/machines/CNC-03/commands", new { command = "Start" })).ProblemAsync(HttpStatusCode.Conflict);
        var machine = await (await client.GetAsync("/api/v1/machines/CNC-03")).OkJsonAsync();
        Assert.Equal("Aborted", machine.GetProperty("state").GetString());
        Assert.False(machine.GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task A_hostile_anonymous_client_is_held_to_its_limits_cannot_command_and_the_connector_gets_back_past_it()
    {
        var client = await app.ReadyClientAsync();
        await WaitAsync(async () => (await (await client.GetAsync("/api/v1/connections")).OkJsonAsync()).EnumerateArray()
            .FirstOrDefault(c => c.GetProperty("state").GetString() == "Connected"));
        var simulator = app.Services.GetRequiredService<Factory.Host.Plant.SimulatorService>().Simulator!;
        var connector = app.Services.GetRequiredService<Factory.Connectivity.PlantConnectivity>().All.OfType<Factory.Connectivity.EndpointConnector>().Single();
        var endpoint = new Uri(simulator.EndpointUrl);

        // Loopback is one client: it holds at most 20 connections (the connector has one of them), 10 sessions on each, 100 in all.
        await using (var hostile = new HostileOpcUaClient())
        {
            await hostile.FloodAsync(endpoint, connections: 40, sessionsEach: 20);
            Assert.InRange(hostile.Connections, 1, 20);
            Assert.InRange(hostile.Sessions, 1, 100);
            Assert.Contains(StatusCodes.BadTooManySessions, hostile.Refusals);
            Assert.Contains(StatusCodes.BadTcpServerTooBusy, hostile.Refusals);

            // Its write is refused and changes nothing: a command must come through the API, with roles and audit.
            var cnc4 = simulator.Machines["CNC-04"];
            Assert.Equal(PackMlState.Idle, cnc4.State);
            var command = simulator.NodeIdFor("CNC-04", Factory.Simulator.MachineTags.Command);
            Assert.Equal(StatusCodes.BadUserAccessDenied, (await hostile.WriteAsync(command, new Variant((int)PackMlCommand.Start))).Code);
            Assert.Equal(PackMlState.Idle, cnc4.State);

            // A network blip drops every connection, and the hostile client comes straight back for all it can get;
            // the connector (secured, with a trusted certificate) still gets in, on the reserved path if need be.
            var reconnects = connector.View.Reconnects;
            simulator.Server.DropConnections();
            await using var again = new HostileOpcUaClient();
            await again.FloodAsync(endpoint, connections: 40, sessionsEach: 20);
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (connector.View is not { State: "Connected" } view || view.Reconnects == reconnects)
            {
                Assert.True(DateTime.UtcNow < deadline, $"the connector did not get back within 60 s: {connector.View}");
                await Task.Delay(100);
            }

            // Its commands are written as the host's connector user, so they work.
            await (await client.PostJsonAsync("/api/v1/machines/CNC-04/commands", new { command = "Start" })).OkJsonAsync(HttpStatusCode.Accepted);
            await UntilAsync(() => cnc4.State == PackMlState.Execute, "CNC-04 runs");
        }

        // Handed back as found.
        await (await client.PostJsonAsync("/api/v1/machines/CNC-04/commands", new { command = "Stop" })).OkJsonAsync(HttpStatusCode.Accepted);
        await UntilAsync(() => simulator.Machines["CNC-04"].State == PackMlState.Stopped, "CNC-04 stops");
        // The host checks a command against its own view of the machine, which follows the PLC a moment later.
        await WaitAsync(async () =>
        {
            var machine = await (await client.GetAsync("/api/v1/machines/CNC-04")).OkJsonAsync();
            return machine.GetProperty("state").GetString() == "Stopped" ? machine : default;
        }, "the host sees CNC-04 stopped");
        await (await client.PostJsonAsync("/api/v1/machines/CNC-04/commands", new { command = "Reset" })).OkJsonAsync(HttpStatusCode.Accepted);
        await UntilAsync(() => simulator.Machines["CNC-04"].State == PackMlState.Idle, "CNC-04 is idle again");
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}");
            await Task.Delay(100);
        }
    }

    private static async Task<System.Text.Json.JsonElement> WaitAsync(Func<Task<System.Text.Json.JsonElement>> read, string what = "the simulator's endpoint connects")
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (value.ValueKind != System.Text.Json.JsonValueKind.Undefined)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not within 30 s: {what}");
            await Task.Delay(100);
        }
    }

    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:Simulator:Enabled", "true");
            // No random failures during the test: the machine under test fails only when told to.
            builder.UseSetting("Factory:Simulator:MeanTimeBetweenFailures", "365.00:00:00");
        }
    }
}
