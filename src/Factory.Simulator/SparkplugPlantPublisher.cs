namespace Factory.Simulator;

/// <summary>
/// Publishes a running <see cref="PlantSimulator"/> over Sparkplug B as well: each line is an edge node
/// (<c>spBv1.0/{group}/…/{line}</c>, one broker connection each) and each machine a device whose metrics are its tags
/// (<see cref="MachineTags"/>, same names, types, values and timestamps as on the OPC UA server). Commands arrive as DCMD.
/// </summary>
public sealed class SparkplugPlantPublisher : IAsyncDisposable
{
    private readonly List<SparkplugEdgeNode> _nodes;

    private SparkplugPlantPublisher(List<SparkplugEdgeNode> nodes) => _nodes = nodes;

    /// <summary>The edge node ids (the line ids).</summary>
    public IReadOnlyList<string> EdgeNodes => _nodes.Select(n => n.EdgeNode).ToList();

    /// <summary>Whether every edge node is connected with its births published.</summary>
    public bool Online => _nodes.All(n => n.Online);

    /// <summary>Starts one edge node per line of the simulator; they connect (and reconnect) in the background.</summary>
    public static SparkplugPlantPublisher Start(PlantSimulator simulator, SparkplugPublisherOptions options)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        ArgumentNullException.ThrowIfNull(options);
        var nodes = simulator.Machines.Values.GroupBy(m => m.Spec.LineId)
            .Select(line => new SparkplugEdgeNode(simulator, options, line.Key, [.. line]))
            .ToList();
        foreach (var node in nodes)
        {
            node.Start();
        }

        return new SparkplugPlantPublisher(nodes);
    }

    /// <summary>Drops one edge node's connection without a goodbye (its NDEATH will is published); it reconnects by itself.</summary>
    public Task CrashAsync(string edgeNode) => _nodes.Single(n => n.EdgeNode == edgeNode).CrashAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }
}
