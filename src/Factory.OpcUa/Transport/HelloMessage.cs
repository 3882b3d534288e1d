using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Transport;

/// <summary>The HEL message a client sends first (Part 6 §7.1.2.3).</summary>
public sealed record HelloMessage(uint ProtocolVersion, TransportLimits Limits, string EndpointUrl)
{
    public void Encode(UaWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteUInt32(ProtocolVersion);
        writer.WriteInt32(Limits.ReceiveBufferSize);
        writer.WriteInt32(Limits.SendBufferSize);
        writer.WriteInt32(Limits.MaxMessageSize);
        writer.WriteInt32(Limits.MaxChunkCount);
        writer.WriteString(EndpointUrl);
    }

    public static HelloMessage Decode(ref UaReader reader)
    {
        var version = reader.ReadUInt32();
        var limits = new TransportLimits(reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        return new HelloMessage(version, limits, reader.ReadString() ?? string.Empty);
    }
}
