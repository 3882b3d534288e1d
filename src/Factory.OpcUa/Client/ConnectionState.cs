namespace Factory.OpcUa.Client;

/// <summary>The connection state a caller observes.</summary>
public enum ConnectionState
{
    Connecting,
    Connected,

    /// <summary>The connection was lost; the client is trying to restore the session and subscriptions.</summary>
    Reconnecting,
    Closed,
}
