using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace Factory.Mqtt.Tests;

/// <summary>What a lost broker means (Disconnected, then births again), and plain JSON topics as a source; each test class has its own broker.</summary>
public sealed class BrokerLossTests(MosquittoBroker broker, Cluster cluster) : IClassFixture<MosquittoBroker>, IClassFixture<Cluster>
{
    [Fact]
    public async Task A_lost_broker_makes_the_machines_disconnected_and_the_births_after_it_make_them_good()
    {
        await using var bed = await SparkplugBed.CreateAsync(cluster, broker);
        bed.StartHost();
        await bed.WaitConnectedAsync();
        var edge = await bed.StartEdgeAsync(broker);
        await bed.WaitAsync(v => v.Quality == DataQuality.Good && v.State == PackMlState.Idle, "born");

        await broker.StopAsync();
        var lost = await bed.WaitAsync(v => v.Quality == DataQuality.Disconnected, "disconnected", TimeSpan.FromSeconds(20));
        Assert.Equal(PackMlState.Idle, lost.State);
        Assert.Equal("Disconnected", bed.Connector.View.State);

        await broker.StartAsync();
        // Both reconnect by themselves; the host asks for births and the edge node gives them.
        await bed.WaitAsync(v => v.Quality == DataQuality.Good, "good after the broker came back", TimeSpan.FromSeconds(40));
        Assert.Equal("Connected", bed.Connector.View.State);
        Assert.True(bed.Connector.View.Reconnects >= 1);
    }

    [Fact]
    public async Task Json_topics_feed_values_and_timestamps_take_writes_and_go_stale_when_they_stop()
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var (site, machine) = ($"site-{id}", $"J-{id}");
        await cluster.Grains.GetGrain<ISiteGrain>(site).Define(new SiteSpec(site, "Site", "UTC"));
        await cluster.Grains.GetGrain<IMachineGrain>(machine).Define(new MachineSpec(machine, site, "line", machine, ["mill"], 1, false, PackMlState.Undefined, "json"));
        var tags = new MachineTagMap(machine, State: new($"plant/{id}/state"), Good: new($"plant/{id}/counts#$.good"), Produced: new($"plant/{id}/counts#$.total"),
            Speed: new($"plant/{id}/speed#$"), Command: new($"plant/{id}/cmd"), Setpoint: new($"plant/{id}/setpoint"));
        var settings = new BrokerEndpointSettings("json", site, BrokerEndpointKind.JsonTopics, broker.Settings($"json-{id}"), TimeSpan.FromSeconds(3),
            [new BrokerMachine(tags, TimestampPath: "$.ts")]);
        var connector = new JsonTopicsConnector(settings, cluster.Grains, TimeProvider.System, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => connector.RunAsync(stop.Token));
        await Eventually.HoldsAsync(() => Task.FromResult(connector.View), v => v.State == "Connected", what: "connected");

        using var gateway = new MqttClientFactory().CreateMqttClient();
        await gateway.ConnectAsync(BrokerOptions.Build(broker.Settings($"gateway-{id}")));
        var received = new List<(string Topic, string Payload)>();
        gateway.ApplicationMessageReceivedAsync += e =>
        {
            lock (received)
            {
                received.Add((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
            }

            return Task.CompletedTask;
        };
        await gateway.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter($"plant/{id}/cmd").WithTopicFilter($"plant/{id}/setpoint").Build());
        async Task Send(string topic, string json) => await gateway.PublishAsync(BrokerOptions.Message(topic, Encoding.UTF8.GetBytes(json), 1, false));

        var at = DateTimeOffset.Parse("2026-06-01T08:00:00.250Z", System.Globalization.CultureInfo.InvariantCulture);
        await Send($"plant/{id}/state", """{"value":"Execute","ts":"2026-06-01T08:00:00.250Z"}""");
        await Send($"plant/{id}/counts", $$"""{"good":17,"total":20,"ts":{{at.AddSeconds(1).ToUnixTimeMilliseconds()}}}""");
        await Send($"plant/{id}/speed", "4.5");
        var view = await Eventually.HoldsAsync(async () => (await cluster.Grains.GetGrain<IMachineGrain>(machine).GetView())!,
            v => v.State == PackMlState.Execute && v.Telemetry.GoodCount == 17 && v.Telemetry.Speed == 4.5, what: "json values");
        Assert.Equal(at, view.StateSince);
        Assert.Equal(20, view.Telemetry.ProducedCount);
        Assert.Equal(DataQuality.Good, view.Quality);

        // A payload that is not JSON costs only itself.
        await Send($"plant/{id}/state", "{not json");
        await Eventually.HoldsAsync(() => Task.FromResult(connector.View), v => v.LastError?.Contains("refused", StringComparison.Ordinal) == true, what: "bad payload noted");

        Assert.True((await connector.WriteCommandAsync(machine, PackMlCommand.Stop, CancellationToken.None)).IsGood);
        Assert.True((await connector.WriteSpeedSetpointAsync(machine, 3.25, CancellationToken.None)).IsGood);
        await Eventually.HoldsAsync(() => Task.FromResult(received.Count), c => c >= 2, what: "writes received");
        lock (received)
        {
            Assert.Contains(($"plant/{id}/cmd", """{"value":3}"""), received);
            Assert.Contains(($"plant/{id}/setpoint", """{"value":3.25}"""), received);
        }

        // Nothing more arrives: after staleAfter (3 s) the machine is Stale.
        await Eventually.HoldsAsync(async () => (await cluster.Grains.GetGrain<IMachineGrain>(machine).GetView())!,
            v => v.Quality == DataQuality.Stale, TimeSpan.FromSeconds(10), "stale");
        await stop.CancelAsync();
        await running;
    }
}
