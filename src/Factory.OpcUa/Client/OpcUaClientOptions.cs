using Factory.OpcUa.SecureChannel;

namespace Factory.OpcUa.Client;

/// <summary>Settings of an <see cref="OpcUaClient"/>.</summary>
public sealed record OpcUaClientOptions
{
    /// <summary>The server, e.g. opc.tcp://plc-7:4840.</summary>
    public required Uri Endpoint { get; init; }

    public UserIdentity Identity { get; init; } = UserIdentity.Anonymous;

    public string ApplicationName { get; init; } = "Factory OPC UA client";

    public string ApplicationUri { get; init; } = "urn:factory:opcua-client";

    public string SessionName { get; init; } = "factory";

    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public SecureChannelOptions Channel { get; init; } = new();

    /// <summary>Used when the server does not publish its own operation limits (or publishes 0).</summary>
    public OperationLimits DefaultOperationLimits { get; init; } = new();

    /// <summary>A reset or silently stalled connection is detected within this bound.</summary>
    public TimeSpan DeadConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First wait between reconnect attempts; doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan MinReconnectDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxReconnectDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Publish requests kept outstanding while subscriptions exist (raised up to <see cref="MaxOutstandingPublishRequests"/> while the server reports more notifications waiting).</summary>
    public int OutstandingPublishRequests { get; init; } = 4;

    public int MaxOutstandingPublishRequests { get; init; } = 12;

    /// <summary>When false, a lost connection closes the client instead of reconnecting.</summary>
    public bool Reconnect { get; init; } = true;

    /// <summary>
    /// Called with the server's certificate (DER) before a secured channel is opened; throws to refuse the server
    /// (see <see cref="Security.CertificateStore.ValidateServerCertificate"/>). Required for every policy but None.
    /// </summary>
    public Action<byte[], Uri>? ServerCertificateValidator { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
