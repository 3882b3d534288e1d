namespace Factory.OpcUa.Transport;

/// <summary>The three-letter message types of UA-TCP and UA Secure Conversation, as little-endian 24-bit values.</summary>
public static class MessageType
{
    public const uint Hello = 'H' | ('E' << 8) | ('L' << 16);
    public const uint Acknowledge = 'A' | ('C' << 8) | ('K' << 16);
    public const uint Error = 'E' | ('R' << 8) | ('R' << 16);
    public const uint ReverseHello = 'R' | ('H' << 8) | ('E' << 16);
    public const uint OpenChannel = 'O' | ('P' << 8) | ('N' << 16);
    public const uint Message = 'M' | ('S' << 8) | ('G' << 16);
    public const uint CloseChannel = 'C' | ('L' << 8) | ('O' << 16);

    /// <summary>Final chunk of a message.</summary>
    public const byte Final = (byte)'F';

    /// <summary>Intermediate chunk; more follow.</summary>
    public const byte Continuation = (byte)'C';

    /// <summary>The sender aborted the message; the body holds an error code and reason.</summary>
    public const byte Abort = (byte)'A';
}
