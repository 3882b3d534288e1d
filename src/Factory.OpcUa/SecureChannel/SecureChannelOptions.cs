using Factory.OpcUa.Encoding;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.SecureChannel;

/// <summary>Settings of a client secure channel.</summary>
public sealed record SecureChannelOptions
{
    /// <summary>Buffer sizes asked for in Hello; the server may revise them down.</summary>
    public TransportLimits TransportLimits { get; init; } = new();

    public DecodingLimits DecodingLimits { get; init; } = DecodingLimits.Default;

    public EncodeableRegistry Registry { get; init; } = EncodeableRegistry.Default;

    public ISecurityPolicy SecurityPolicy { get; init; } = SecurityPolicyNone.Instance;

    /// <summary>The token lifetime asked for; the channel renews at 75 % of the revised lifetime.</summary>
    public TimeSpan RequestedLifetime { get; init; } = TimeSpan.FromHours(1);

    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timeout of a request when the caller gives none.</summary>
    public TimeSpan DefaultRequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
