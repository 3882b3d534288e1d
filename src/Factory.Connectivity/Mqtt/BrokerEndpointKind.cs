namespace Factory.Connectivity.Mqtt;

/// <summary>How an MQTT endpoint's messages are read.</summary>
public enum BrokerEndpointKind
{
    /// <summary>Sparkplug B: births, data and deaths of edge nodes and devices, protobuf payloads.</summary>
    Sparkplug,

    /// <summary>Plain MQTT: one topic per tag, a JSON payload with the value (and timestamp) at a JSON path.</summary>
    JsonTopics,
}
