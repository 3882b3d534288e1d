using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>A session: bound to one secure channel at a time, owning subscriptions and parked Publish requests.</summary>
internal sealed class ServerSession
{
    public const int MaxContinuationPoints = 16;

    public ServerSession(NodeId sessionId, NodeId authenticationToken, string? name, TimeSpan timeout, ServerConnection connection, DateTimeOffset now)
    {
        SessionId = sessionId;
        AuthenticationToken = authenticationToken;
        Name = name;
        Timeout = timeout;
        Connection = connection;
        LastActivity = now;
        Created = now;
    }

    /// <summary>When CreateSession made it; a session not activated soon after is closed.</summary>
    public DateTimeOffset Created { get; }

    public NodeId SessionId { get; }

    public NodeId AuthenticationToken { get; }

    public string? Name { get; }

    public TimeSpan Timeout { get; }

    /// <summary>The channel the session is bound to; ActivateSession on another channel moves it.</summary>
    public ServerConnection Connection { get; set; }

    public bool Activated { get; set; }

    /// <summary>The logged-in user, or null for anonymous.</summary>
    public string? UserName { get; set; }

    public DateTimeOffset LastActivity { get; set; }

    /// <summary>The nonce last sent to the client (CreateSession or ActivateSession); its next signature covers it.</summary>
    public byte[] ServerNonce { get; set; } = [];

    /// <summary>The client's certificate when the session was created on a secured channel; it must stay the same.</summary>
    public byte[]? ClientCertificate { get; set; }

    public Queue<PendingPublish> PublishQueue { get; } = new();

    public List<ServerSubscription> Subscriptions { get; } = [];

    /// <summary>Browse results left over for BrowseNext, keyed by continuation point.</summary>
    public Dictionary<string, ContinuationPoint> ContinuationPoints { get; } = [];

    /// <summary>The references not yet returned by Browse.</summary>
    internal sealed record ContinuationPoint(ReferenceDescription[] Remaining, uint MaxPerNode);
}
