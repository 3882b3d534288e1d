using Microsoft.Extensions.Logging.Abstractions;

namespace Factory.Mqtt.Tests;

/// <summary>
/// One Sparkplug test setting: a machine defined in the test cluster, an independent edge node (sparkplug-client) with
/// one device for it, and Factory's host connector reading that device, all on the broker of the test class.
/// </summary>
internal sealed class SparkplugBed : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    private SparkplugBed(Cluster cluster, string machine, string group, string node, SparkplugHostConnector connector)
    {
        Cluster = cluster;
        Machine = machine;
        Group = group;
        Node = node;
        Connector = connector;
    }

    public Cluster Cluster { get; }

    public string Machine { get; }

    public string Group { get; }

    public string Node { get; }

    public SparkplugHostConnector Connector { get; }

    public NodeScript? Edge { get; private set; }

    public static MachineTagMap TagMap(string machine) => new(machine,
        State: new("Status/State"), Produced: new("Counters/Produced"), Good: new("Counters/Good"), Speed: new("Speed"),
        Setpoint: new("SpeedSetpoint"), Temperatures: new Dictionary<string, TagReference> { ["spindle"] = new("Spindle/Temperature") },
        Extra: new Dictionary<string, TagReference> { ["program"] = new("Program") }, Command: new("Command"));

    /// <summary>The device's metrics in the edge node's birth: Sparkplug type and first value.</summary>
    public static Dictionary<string, object[]> Metrics() => new()
    {
        ["Status/State"] = ["String", "Idle"], ["Counters/Produced"] = ["UInt32", 10], ["Counters/Good"] = ["UInt32", 9],
        ["Speed"] = ["Double", 0.0], ["SpeedSetpoint"] = ["Double", 5.0], ["Spindle/Temperature"] = ["Float", 21.5],
        ["Program"] = ["String", "P-100"], ["Command"] = ["Int32", 0],
    };

    public static async Task<SparkplugBed> CreateAsync(Cluster cluster, MosquittoBroker broker, TimeSpan? reorderTimeout = null)
    {
        var id = Guid.NewGuid().ToString("N")[..6];
        var (site, line, machine) = ($"site-{id}", $"line-{id}", $"M-{id}");
        await cluster.Grains.GetGrain<ISiteGrain>(site).Define(new SiteSpec(site, "Site", "UTC"));
        await cluster.Grains.GetGrain<IMachineGrain>(machine).Define(new MachineSpec(machine, site, line, machine, ["mill"], 1, false, PackMlState.Undefined, "edge"));
        var settings = new BrokerEndpointSettings("edge", site, BrokerEndpointKind.Sparkplug, broker.Settings($"host-{id}"), TimeSpan.FromSeconds(30),
            [new BrokerMachine(TagMap(machine), $"G-{id}", $"N-{id}", "D1")])
        {
            HostId = $"factory-{id}",
            ReorderTimeout = reorderTimeout ?? TimeSpan.FromMilliseconds(300),
        };
        var connector = new SparkplugHostConnector(settings, cluster.Grains, TimeProvider.System, NullLogger.Instance);
        return new SparkplugBed(cluster, machine, $"G-{id}", $"N-{id}", connector);
    }

    public void StartHost() => _running = Task.Run(() => Connector.RunAsync(_stop.Token));

    public async Task WaitConnectedAsync() =>
        await Eventually.HoldsAsync(() => Task.FromResult(Connector.View), v => v.State == "Connected", what: "host connected");

    public async Task<NodeScript> StartEdgeAsync(MosquittoBroker broker)
    {
        var config = JsonSerializer.Serialize(new { url = broker.Url.ToString(), group = Group, node = Node, devices = new Dictionary<string, object> { ["D1"] = Metrics() } });
        Edge = NodeScript.Start("sparkplug-edge.js", config);
        await Edge.WaitForAsync(l => l["event"]?.GetValue<string>() == "born", TimeSpan.FromSeconds(15));
        return Edge;
    }

    public Task<MachineView?> ViewAsync() => Cluster.Grains.GetGrain<IMachineGrain>(Machine).GetView();

    public Task<MachineView> WaitAsync(Func<MachineView, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.HoldsAsync(async () => (await ViewAsync())!, condition, timeout, what);

    public async ValueTask DisposeAsync()
    {
        if (Edge is not null)
        {
            await Edge.DisposeAsync();
        }

        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }
}
