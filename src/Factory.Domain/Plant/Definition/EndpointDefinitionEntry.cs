namespace Factory.Domain.Plant.Definition;

/// <summary>
/// An endpoint of a site in the plant definition file: an OPC UA server, or an MQTT broker read as Sparkplug B
/// (<see cref="Kind"/> <c>sparkplug</c>) or as plain JSON topics (<c>mqtt</c>).
/// </summary>
public sealed class EndpointDefinitionEntry
{
    public string Id { get; set; } = "";

    /// <summary><c>opc.tcp://host:port[/path]</c>. <c>{simulator}</c> stands for the built-in simulator's endpoint.</summary>
    public string Url { get; set; } = "";

    public string? User { get; set; }

    public string? Password { get; set; }

    public double PublishingIntervalMs { get; set; } = 100;

    public double SamplingIntervalMs { get; set; } = 50;

    /// <summary>A machine whose tags send nothing for this long is Stale.</summary>
    public double StaleAfterSeconds { get; set; } = 10;

    /// <summary>How long a dead connection may go unnoticed.</summary>
    public double DeadConnectionTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The tag map of machines on this endpoint that give none of their own: every <c>{machine}</c> in it stands for
    /// the machine's id (PLCs that name their tags consistently need one map, not one per machine).
    /// </summary>
    public TagMapEntry? TagTemplate { get; set; }

    /// <summary>
    /// OPC UA: None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss. Unset: None, except for the
    /// built-in simulator running in this host, which is read with Basic256Sha256 SignAndEncrypt.
    /// </summary>
    public string? SecurityPolicy { get; set; }

    /// <summary>OPC UA: Sign or SignAndEncrypt (default SignAndEncrypt with a secured policy).</summary>
    public string? SecurityMode { get; set; }

    /// <summary><c>opcua</c> (default), <c>sparkplug</c> (a Sparkplug B group on a broker) or <c>mqtt</c> (JSON topics on a broker).</summary>
    public string Kind { get; set; } = "opcua";

    /// <summary>MQTT: a PEM file with the CA of the broker's certificate, for <c>mqtts://</c> with a private PKI.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>MQTT: the client id (default <c>factory-{id}-{random}</c>).</summary>
    public string? ClientId { get; set; }

    /// <summary>Sparkplug: the group of the machines that name none (<c>spBv1.0/{group}/#</c> is subscribed).</summary>
    public string? Group { get; set; }

    /// <summary>Sparkplug: the edge node of machines that name none; <c>{machine}</c> and <c>{line}</c> are replaced.</summary>
    public string? EdgeNode { get; set; }

    /// <summary>Sparkplug: the device of machines that name none; <c>{machine}</c> and <c>{line}</c> are replaced.</summary>
    public string? Device { get; set; }

    /// <summary>Sparkplug: this host application's id in <c>spBv1.0/STATE/{hostId}</c>.</summary>
    public string HostId { get; set; } = "factory";

    /// <summary>Sparkplug: how long a missing sequence number may be late before a rebirth is requested.</summary>
    public double ReorderTimeoutMs { get; set; } = 2000;

    /// <summary>MQTT JSON topics: where the value is in a payload, for tags that name no path (<c>topic#$.path</c>).</summary>
    public string ValuePath { get; set; } = "$.value";

    /// <summary>MQTT JSON topics: where the value's timestamp is (ISO 8601 or epoch ms); empty: the arrival time.</summary>
    public string? TimestampPath { get; set; } = "$.timestamp";

    /// <summary>MQTT JSON topics: QoS of subscriptions and writes (0, 1 or 2).</summary>
    public int Qos { get; set; } = 1;

    /// <summary>
    /// For a <c>{simulator}</c> endpoint: the metric names of the simulator's Sparkplug B feed, used instead of
    /// <see cref="TagTemplate"/> when <c>Factory:Simulator:Protocol</c> is <c>Sparkplug</c>.
    /// </summary>
    public TagMapEntry? SparkplugTagTemplate { get; set; }
}
