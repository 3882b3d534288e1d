namespace Factory.OpcUa.Transport;

/// <summary>Buffer and message sizes exchanged in Hello/Acknowledge (0 means no limit for the last two).</summary>
public sealed record TransportLimits(
    int ReceiveBufferSize = 65535,
    int SendBufferSize = 65535,
    int MaxMessageSize = 16 * 1024 * 1024,
    int MaxChunkCount = 0)
{
    /// <summary>The smallest buffer size the spec allows.</summary>
    public const int MinBufferSize = 8192;
}
