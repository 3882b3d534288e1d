using Factory.Mqtt;

namespace Factory.Host.Mqtt;

/// <summary>
/// The host's MQTT broker (section <c>Factory:Mqtt</c>): where the Unified Namespace is published and where the
/// built-in simulator's Sparkplug B feed goes. The host embeds no broker.
/// </summary>
public sealed class MqttSettings
{
    /// <summary><c>mqtt://host:1883</c> or <c>mqtts://host:8883</c>; unset: no MQTT from the host itself.</summary>
    public string? Broker { get; set; }

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>A PEM file with the CA of the broker's certificate (mqtts with a private PKI).</summary>
    public string? CaCertificate { get; set; }

    /// <summary>Prefix of this host's client ids (each connection appends its role, so they never collide).</summary>
    public string ClientId { get; set; } = $"factory-{Environment.MachineName}-{Environment.ProcessId}";

    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The Unified Namespace publisher (section <c>Factory:Mqtt:Uns</c>).</summary>
    public UnsSettings Uns { get; set; } = new();

    /// <summary>The broker for one of this host's connections, or null when no broker is configured.</summary>
    /// <exception cref="InvalidOperationException">The broker URL is not mqtt:// or mqtts://.</exception>
    public BrokerSettings? ToBroker(string role)
    {
        if (string.IsNullOrWhiteSpace(Broker))
        {
            return null;
        }

        if (!BrokerSettings.TryParseUrl(Broker, out var url))
        {
            throw new InvalidOperationException($"Factory:Mqtt:Broker must be mqtt://host[:port] or mqtts://host[:port] (got '{Broker}')");
        }

        return new BrokerSettings(url, $"{ClientId}-{role}", User, Password, CaCertificate) { KeepAlive = KeepAlive };
    }
}
