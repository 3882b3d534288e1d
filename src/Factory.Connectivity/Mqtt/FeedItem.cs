using Factory.OpcUa.Encoding;

namespace Factory.Connectivity.Mqtt;

/// <summary>What a broker connector hands its <see cref="MachineFeed"/>, in arrival order: values, or a quality the connection decided.</summary>
internal readonly record struct FeedItem(
    List<(TagBinding Binding, DataValue Value)>? Values,
    IReadOnlyList<string>? Machines = null,
    DataQuality Quality = DataQuality.Good,
    string? Reason = null,
    DateTimeOffset Since = default);
