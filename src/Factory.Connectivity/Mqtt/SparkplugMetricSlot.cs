namespace Factory.Connectivity.Mqtt;

/// <summary>A metric an edge node or device declared in its birth: its name, type, device, and the machine tags it feeds.</summary>
internal sealed class SparkplugMetricSlot(string name, string? device, Factory.Mqtt.Sparkplug.SparkplugDataType type, TagBinding[] bindings)
{
    public string Name { get; } = name;

    public string? Device { get; } = device;

    public Factory.Mqtt.Sparkplug.SparkplugDataType Type { get; } = type;

    public TagBinding[] Bindings { get; } = bindings;

    /// <summary>Timestamp (ms) of the newest value applied: an older one arriving late does not overwrite it.</summary>
    public ulong LastTimestamp { get; set; }
}
