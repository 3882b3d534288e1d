namespace Factory.Domain.Plant.Definition;

/// <summary>Which endpoint feeds a machine, and through which tags.</summary>
public sealed class MachineSourceEntry
{
    public string Endpoint { get; set; } = "";

    /// <summary>The machine's tags; when absent, the endpoint's <c>tagTemplate</c> with <c>{machine}</c> replaced.</summary>
    public TagMapEntry? Tags { get; set; }

    /// <summary>Sparkplug: the group (default: the endpoint's).</summary>
    public string? Group { get; set; }

    /// <summary>Sparkplug: the edge node that publishes the machine's metrics (default: the endpoint's).</summary>
    public string? EdgeNode { get; set; }

    /// <summary>Sparkplug: the device under the edge node (default: the endpoint's; none: the node's own metrics).</summary>
    public string? Device { get; set; }

    /// <summary>MQTT JSON topics: the value path for this machine's tags (default: the endpoint's).</summary>
    public string? ValuePath { get; set; }

    /// <summary>MQTT JSON topics: the timestamp path for this machine's payloads (default: the endpoint's).</summary>
    public string? TimestampPath { get; set; }
}
