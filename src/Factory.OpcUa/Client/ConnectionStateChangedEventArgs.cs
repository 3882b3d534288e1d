namespace Factory.OpcUa.Client;

/// <summary>A change of <see cref="ConnectionState"/>, with the reason (an error) when there is one.</summary>
public sealed class ConnectionStateChangedEventArgs(ConnectionState previous, ConnectionState current, string? reason) : EventArgs
{
    public ConnectionState Previous { get; } = previous;

    public ConnectionState Current { get; } = current;

    public string? Reason { get; } = reason;

    /// <summary>How the session was restored after a reconnect (null otherwise).</summary>
    public RecoveryPath? Recovery { get; init; }
}
