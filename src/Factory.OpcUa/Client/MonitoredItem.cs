using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Client;

/// <summary>A monitored item as created on the server (revised values, server id and status).</summary>
public sealed class MonitoredItem
{
    internal MonitoredItem(uint clientHandle, MonitoredItemOptions options)
    {
        ClientHandle = clientHandle;
        Options = options;
    }

    /// <summary>The handle that tags every value of this item.</summary>
    public uint ClientHandle { get; }

    public NodeId NodeId => Options.NodeId;

    public MonitoredItemOptions Options { get; internal set; }

    public uint ServerId { get; internal set; }

    public double RevisedSamplingInterval { get; internal set; }

    public uint RevisedQueueSize { get; internal set; }

    /// <summary>The result of the last create/modify; Bad when the server refused the item.</summary>
    public StatusCode Status { get; internal set; }
}
