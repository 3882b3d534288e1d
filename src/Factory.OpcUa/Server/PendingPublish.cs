using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>A Publish request parked until a subscription has something to send (or its timeout hint passes).</summary>
internal sealed record PendingPublish(ServerConnection Connection, uint RequestId, PublishRequest Request, DateTimeOffset Received)
{
    /// <summary>The results of the acknowledgements the request carried.</summary>
    public StatusCode[] Results { get; init; } = [];
}
