using Factory.Mqtt;
using Factory.Mqtt.Sparkplug;

namespace Factory.Connectivity.Mqtt;

/// <summary>One MQTT endpoint (one broker connection) and the machines it feeds.</summary>
/// <param name="StaleAfter">
/// A machine whose heartbeat (or, for JSON topics without one, any value) has not changed for this long is Stale.
/// Sparkplug machines without a heartbeat are judged by their births and deaths alone (data is sent by exception).
/// </param>
public sealed record BrokerEndpointSettings(
    string Id,
    string SiteId,
    BrokerEndpointKind Kind,
    BrokerSettings Broker,
    TimeSpan StaleAfter,
    IReadOnlyList<BrokerMachine> Machines)
{
    /// <summary>Sparkplug: this host application's id (its STATE topic is <c>spBv1.0/STATE/{HostId}</c>).</summary>
    public string HostId { get; init; } = "factory";

    /// <summary>Sparkplug: how long a missing sequence number may be late before a rebirth is requested (0: at once).</summary>
    public TimeSpan ReorderTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>JSON topics: QoS of subscriptions and writes.</summary>
    public int QualityOfService { get; init; } = 1;

    /// <summary>Bounds on one payload.</summary>
    public SparkplugLimits Limits { get; init; } = SparkplugLimits.Default;
}
