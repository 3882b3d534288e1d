using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Transport;

/// <summary>The ACK message: the server's revised buffer sizes (Part 6 §7.1.2.4).</summary>
public sealed record AcknowledgeMessage(uint ProtocolVersion, TransportLimits Limits)
{
    public void Encode(UaWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(ProtocolVersion);
        writer.WriteInt32(Limits.ReceiveBufferSize);
        writer.WriteInt32(Limits.SendBufferSize);
        writer.WriteInt32(Limits.MaxMessageSize);
        writer.WriteInt32(Limits.MaxChunkCount);
    }

    public static AcknowledgeMessage Decode(ref UaReader reader)
    {
        var version = reader.ReadUInt32();
        return new AcknowledgeMessage(version, new TransportLimits(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32()));
    }
}
