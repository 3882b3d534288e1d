namespace Factory.Mqtt;

/// <summary>
/// How to reach an MQTT broker: <c>mqtt://host:1883</c> (plain TCP) or <c>mqtts://host:8883</c> (TLS, the server
/// certificate checked against the system's trust store, or against <see cref="CaCertificateFile"/> when given).
/// </summary>
/// <param name="ClientId">Unique per connection; the broker drops an older session with the same id.</param>
/// <param name="CaCertificateFile">A PEM file with the CA that signed the broker's certificate (a private PKI).</param>
public sealed record BrokerSettings(Uri Url, string ClientId, string? User = null, string? Password = null, string? CaCertificateFile = null)
{
    /// <summary>How often the client pings an idle connection; a broker that stops answering is noticed within 1.5 × this.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection attempt may take.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest packet the broker may send this client (MQTT 5 Maximum Packet Size); larger ones it drops.</summary>
    public uint MaxPacketBytes { get; init; } = 4 * 1024 * 1024;

    public bool UsesTls => Url.Scheme == "mqtts";

    /// <summary>The port, defaulting to 1883 (mqtt) or 8883 (mqtts).</summary>
    public int Port => Url.IsDefaultPort || Url.Port <= 0 ? (UsesTls ? 8883 : 1883) : Url.Port;

    /// <summary>Whether a URL names a broker this client can reach (mqtt:// or mqtts:// with a host).</summary>
    public static bool TryParseUrl(string? text, out Uri url)
    {
        url = null!;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var parsed) ||
            parsed.Scheme is not ("mqtt" or "mqtts") || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        url = parsed;
        return true;
    }

    /// <summary>The URL without credentials, for logs and the connections list.</summary>
    public override string ToString() => $"{Url.Scheme}://{Url.Host}:{Port}";
}
