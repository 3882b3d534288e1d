namespace Factory.Mqtt;

/// <summary>The message the broker publishes for a client whose connection dies (MQTT Last Will).</summary>
public sealed record BrokerWill(string Topic, byte[] Payload, int QualityOfService, bool Retain);
