using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Security;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Server;

/// <summary>Settings of an <see cref="OpcUaServer"/>: where it listens, who may log in and how much it accepts.</summary>
public sealed record OpcUaServerOptions
{
    /// <summary>The address to bind; loopback unless a deployment opens the plant network on purpose.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The TCP port; 0 picks a free one (see <see cref="OpcUaServer.EndpointUrl"/>).</summary>
    public int Port { get; init; } = 4840;

    public string ApplicationUri { get; init; } = "urn:factory:opcua-server";

    public string ApplicationName { get; init; } = "Factory OPC UA server";

    public string ProductUri { get; init; } = "urn:factory";

    /// <summary>User name → password accepted by ActivateSession; empty means only anonymous logins work.</summary>
    public IReadOnlyDictionary<string, string> Users { get; init; } = new Dictionary<string, string>();

    /// <summary>False refuses anonymous logins (then a user name is required).</summary>
    public bool AllowAnonymous { get; init; } = true;

    /// <summary>Our buffer sizes and message limits, revised against each client's Hello.</summary>
    public TransportLimits TransportLimits { get; init; } = new(65535, 65535, 16 * 1024 * 1024, 0);

    /// <summary>Open connections in total; beyond it only <see cref="ReservedConnections"/> trusted ones get in.</summary>
    public int MaxConnections { get; init; } = 100;

    /// <summary>
    /// Open connections from one client address (loopback is one client, so this must cover every connector of a host
    /// on the same machine); beyond it a connection gets in only on the reserved path.
    /// </summary>
    public int MaxConnectionsPerClient { get; init; } = 20;

    /// <summary>
    /// Connections held back for trusted clients: accepted beyond <see cref="MaxConnections"/> or
    /// <see cref="MaxConnectionsPerClient"/>, but closed with BadTcpServerTooBusy unless their secure channel is signed
    /// with a certificate of <see cref="TrustList"/>. So a flood of anonymous connections cannot lock the connectors out.
    /// </summary>
    public int ReservedConnections { get; init; } = 10;

    /// <summary>Sessions in total; beyond it only <see cref="ReservedSessions"/> on trusted (secured) channels are created.</summary>
    public int MaxSessions { get; init; } = 100;

    /// <summary>Sessions created on one connection; more are answered with BadTooManySessions.</summary>
    public int MaxSessionsPerConnection { get; init; } = 10;

    /// <summary>Sessions beyond <see cref="MaxSessions"/> that only a secured channel with a trusted certificate may create.</summary>
    public int ReservedSessions { get; init; } = 10;

    /// <summary>The shortest session timeout granted (a client asking for less gets this); the longest is one hour.</summary>
    public TimeSpan MinSessionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A session not activated within this time after CreateSession is closed.</summary>
    public TimeSpan SessionActivationTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A connection that receives no message for this long (or for its channel token's lifetime and a quarter, when
    /// that is shorter) is closed, unless a session on it has a Publish request parked (the client waits on a long
    /// keep-alive); its sessions stay for their session timeout, so a client may come back.
    /// </summary>
    public TimeSpan IdleConnectionTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>False refuses Write from anonymous sessions with BadUserAccessDenied; only logged-in users may change values.</summary>
    public bool AllowAnonymousWrites { get; init; }

    public int MaxSubscriptionsPerSession { get; init; } = 50;

    public int MaxMonitoredItemsPerSubscription { get; init; } = 200_000;

    /// <summary>Publish requests a session may park; more are answered with BadTooManyPublishRequests.</summary>
    public int MaxPublishRequestsPerSession { get; init; } = 100;

    /// <summary>Notification messages kept per subscription for Republish.</summary>
    public int RetransmissionQueueSize { get; init; } = 64;

    /// <summary>Largest queue a monitored item may ask for.</summary>
    public int MaxMonitoredItemQueueSize { get; init; } = 1000;

    /// <summary>Operations per service call (Read, Write, Browse...), published under OperationLimits.</summary>
    public int MaxNodesPerOperation { get; init; } = 10_000;

    /// <summary>Fastest publishing interval granted.</summary>
    public TimeSpan MinPublishingInterval { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>A connection that sends no Hello, or opens no secure channel, within this time is dropped.</summary>
    public TimeSpan HelloTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The server's application certificate with its private key; without one only SecurityPolicy None is offered.</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Client certificates are judged against this trust list; required with <see cref="Certificate"/>.</summary>
    public CertificateStore? TrustList { get; init; }

    /// <summary>The secured policies offered (with <see cref="Certificate"/>), each in Sign and SignAndEncrypt.</summary>
    public IReadOnlyList<SecurityAlgorithms> SecurityPolicies { get; init; } = SecurityAlgorithms.All;

    /// <summary>Also offer SecurityPolicy None (discovery always works over None, as the spec requires).</summary>
    public bool AllowSecurityNone { get; init; } = true;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The (policy, mode) pairs of the endpoints, most secure first.</summary>
    internal IEnumerable<(string PolicyUri, MessageSecurityMode Mode)> OfferedSecurity()
    {
        if (Certificate is not null)
        {
            foreach (var mode in new[] { MessageSecurityMode.SignAndEncrypt, MessageSecurityMode.Sign })
            {
                foreach (var policy in SecurityPolicies)
                {
                    yield return (policy.Uri, mode);
                }
            }
        }

        if (AllowSecurityNone || Certificate is null)
        {
            yield return (SecureChannel.SecurityPolicyNone.Uri, MessageSecurityMode.None);
        }
    }
}
