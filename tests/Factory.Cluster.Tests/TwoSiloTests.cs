using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Host.Cluster;
using Factory.Host.Hub;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace Factory.Cluster.Tests;

/// <summary>
/// Two real host processes forming one cluster over real Redis (membership) and PostgreSQL (grain state, audit).
/// Host B runs the simulated plant; host A starts first, so A holds the simulator endpoint's lease and runs its
/// connector until A is killed.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class TwoSiloTests(ClusterBackends backends, ITestOutputHelper output)
{
    [Fact]
    public async Task Two_silos_share_state_and_events_and_the_survivor_takes_over_when_one_is_killed()
    {
        var cluster = await backends.ClusterSettingsAsync(ClusterMode.Redis, "test-");
        var simulatorPort = FreePort.Next();
        using var smtp = new SmtpSink();
        string[] Settings(params string[] extra) =>
        [
            .. cluster,
            "--Factory:Cluster:EndpointLease=00:00:06",
            // One connector password for the cluster: whichever host holds an endpoint writes to B's simulator with it.
            "--Factory:Simulator:ConnectorPassword=cluster-connectors-secret",
            // Both hosts send notifications; an andon call must still be mailed once.
            "--Factory:Notifications:PollInterval=00:00:00.200",
            "--Factory:Notifications:Smtp:Host=127.0.0.1",
            $"--Factory:Notifications:Smtp:Port={smtp.Port}",
            "--Factory:Notifications:Smtp:From=factory@cluster.test",
            "--Factory:Notifications:Rules:0:Name=andon",
            "--Factory:Notifications:Rules:0:Kind=AndonCall",
            "--Factory:Notifications:Rules:0:Levels:0:After=00:00:00",
            "--Factory:Notifications:Rules:0:Levels:0:Emails:0=crew@cluster.test",
            .. extra,
        ];

        await using var hosts = await HostPair.StartAsync("factory-cluster-",
            Settings($"--Factory:Cluster:SimulatorUrl=opc.tcp://127.0.0.1:{simulatorPort}"), Settings($"--Factory:Simulator:Port={simulatorPort}"), output);
        await ShareAndFailOverAsync(hosts.A, hosts.B, smtp);
    }

    private static async Task ShareAndFailOverAsync(HostProcess a, HostProcess b, SmtpSink smtp)
    {
        using var throughA = a.Client(Api.ManagerAuthorization);
        using var throughB = b.Client(Api.ManagerAuthorization);

        // A SignalR client on B sees a change commanded through A.
        await using var hub = await Api.HubAsync(b);
        var workers = Channel.CreateUnbounded<WorkerChanged>();
        hub.On<WorkerChanged>("WorkerChanged", w => workers.Writer.TryWrite(w));
        var snapshot = await hub.InvokeAsync<PlantSnapshot>("SubscribeSite", "plant-1");
        Assert.False(snapshot.Workers.Single(w => w.Id == "W08").ClockedIn);

        // Repeated on a passing fault (B has just joined); a 409 means an earlier attempt went through.
        await Api.SendAsync("clock W08 in through A",
            () => throughA.PostAsync(new Uri("/api/v1/workers/W08/clock-in", UriKind.Relative), null), HttpStatusCode.OK, HttpStatusCode.Conflict);
        await Api.SendAsync("create T-CLUSTER through A", () => throughA.PostJsonAsync("/api/v1/workorders", new
        {
            id = "T-CLUSTER",
            siteId = "plant-1",
            product = "Clustered part",
            quantity = 4,
            dueDate = DateTimeOffset.UtcNow.AddHours(4),
            operations = new[] { new { sequence = 10, capability = "mill", skill = "machining", standardDurationSeconds = 60 } },
        }), HttpStatusCode.Created, HttpStatusCode.Conflict);

        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            WorkerChanged change;
            do
            {
                change = await workers.Reader.ReadAsync(timeout.Token);
            }
            while (change.Worker.Id != "W08" || !change.Worker.ClockedIn);
        }

        // What was written through A is read through B.
        await Api.EventuallyAsync("B reads what was written through A", TimeSpan.FromSeconds(30), () => WritesVisibleAsync(throughB));

        // One connector for the endpoint in the whole cluster: A's (it took the lease first), reading B's simulator.
        await Api.EventuallyAsync("host A's connector receives data from the simulator", TimeSpan.FromSeconds(45), async () =>
        {
            var sim = await ConnectionAsync(throughA);
            return (sim.GetProperty("tagUpdates").GetInt64() > 0, sim.ToString());
        });
        var idle = await ConnectionAsync(throughB);
        Assert.True(idle.GetProperty("tagUpdates").GetInt64() == 0, $"host B must not run the connector while A holds the lease: {idle}");

        // A PLC write that reaches B goes through A's connector (the writer A offers on the lease) and comes back in the tags.
        await Api.SendAsync("write a setpoint through B", () => throughB.PutAsJsonAsync(new Uri("/api/v1/machines/CNC-02/setpoint", UriKind.Relative), new { speed = 3.25 }), HttpStatusCode.Accepted);
        await Api.EventuallyAsync("the setpoint written through B reaches the PLC", TimeSpan.FromSeconds(30), async () =>
        {
            var machine = await throughB.TryJsonAsync("/api/v1/machines/CNC-02");
            return (machine.Json?.GetProperty("telemetry").GetProperty("setpoint").GetDouble() == 3.25, machine.Seen);
        });

        // Both hosts' feeds hear the andon call; one host sends it.
        await Api.SendAsync("pull the andon on WLD-01 through A",
            () => throughA.PostJsonAsync("/api/v1/machines/WLD-01/andon", new { kind = "help" }), HttpStatusCode.OK, HttpStatusCode.Conflict);
        var mail = await smtp.WaitForAsync(m => m.To.Contains("crew@cluster.test"), TimeSpan.FromSeconds(30), "the andon call mailed");
        await Task.Delay(TimeSpan.FromSeconds(3)); // time for the other host to send it too, were it to
        Assert.Single(smtp.Received(), m => m.Event == mail.Event);

        a.Kill();

        // The grains that lived on A come back on B with their stored state.
        await Api.EventuallyAsync("B serves A's writes after A died", HostPair.Deadline, () => WritesVisibleAsync(throughB));

        // The endpoint's lease moves to B, whose connector now keeps the machines updating.
        long firstUpdates = 0;
        await Api.EventuallyAsync("host B takes over the simulator endpoint", HostPair.Deadline, async () =>
        {
            var sim = await ConnectionAsync(throughB);
            firstUpdates = sim.GetProperty("tagUpdates").GetInt64();
            return (sim.GetProperty("state").GetString() == "Connected" && firstUpdates > 0, sim.ToString());
        });
        await Api.EventuallyAsync("machine data keeps flowing through B", TimeSpan.FromSeconds(30), async () =>
        {
            var sim = await ConnectionAsync(throughB);
            return (sim.GetProperty("tagUpdates").GetInt64() > firstUpdates, sim.ToString());
        });

        // The survivor still takes commands, and the audit trail written by both silos is one intact chain.
        await Api.SendAsync("clock W08 out through B after the failover",
            () => throughB.PostAsync(new Uri("/api/v1/workers/W08/clock-out", UriKind.Relative), null), HttpStatusCode.OK, HttpStatusCode.Conflict);
        var worker = await throughB.TryJsonAsync("/api/v1/workers/W08");
        Assert.False(worker.Json?.GetProperty("clockedIn").GetBoolean() ?? true, worker.Seen);
        var verify = await (await throughB.GetAsync(new Uri("/api/v1/audit/verify", UriKind.Relative))).OkJsonAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        var loads = await (await throughB.GetAsync(new Uri("/api/v1/audit?action=config.load", UriKind.Relative))).OkJsonAsync();
        Assert.Equal(2, loads.GetArrayLength());
    }

    private static async Task<(bool Done, string Seen)> WritesVisibleAsync(HttpClient client)
    {
        var worker = await client.TryJsonAsync("/api/v1/workers/W08");
        var order = await client.TryJsonAsync("/api/v1/workorders/T-CLUSTER");
        return (worker.Json?.GetProperty("clockedIn").GetBoolean() == true && order.Json?.GetProperty("product").GetString() == "Clustered part",
            $"{worker.Seen}\n{order.Seen}");
    }

    private static async Task<JsonElement> ConnectionAsync(HttpClient client)
    {
        var connections = await client.TryJsonAsync("/api/v1/connections");
        Assert.True(connections.Json is not null, connections.Seen);
        return connections.Json.Value.EnumerateArray().Single(c => c.GetProperty("endpointId").GetString() == "sim");
    }
}
