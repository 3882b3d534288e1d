namespace Factory.Connectivity.Mqtt;

/// <summary>
/// A machine fed by an MQTT endpoint. For Sparkplug the tag map's references are metric names of one edge node
/// (<paramref name="Device"/> null: node-level metrics) or device; for JSON topics they are <c>topic[#jsonPath]</c>.
/// </summary>
/// <param name="TimestampPath">JSON topics: where the value's timestamp is (ISO 8601 or epoch milliseconds); null: arrival time.</param>
/// <param name="ValuePath">JSON topics: where the value is, for tags that name no path of their own.</param>
public sealed record BrokerMachine(
    MachineTagMap Tags,
    string? Group = null,
    string? EdgeNode = null,
    string? Device = null,
    string? TimestampPath = null,
    string ValuePath = "$.value")
{
    public string MachineId => Tags.MachineId;
}
