namespace Factory.OpcUa.SecureChannel;

/// <summary>The life cycle of a secure channel.</summary>
public enum SecureChannelState
{
    Opening,
    Open,
    Closed,
}
