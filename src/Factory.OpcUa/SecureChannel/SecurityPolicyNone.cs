using System.Buffers.Binary;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.SecureChannel;

/// <summary>SecurityPolicy None: chunks travel as they are.</summary>
public sealed class SecurityPolicyNone : ISecurityPolicy
{
    public const string Uri = "http://opcfoundation.org/UA/SecurityPolicy#None";

    public static SecurityPolicyNone Instance { get; } = new();

    public string PolicyUri => Uri;

    public MessageSecurityMode SecurityMode => MessageSecurityMode.None;

    public byte[]? LocalCertificate => null;

    public byte[] CreateNonce() => [];

    public int SymmetricOverhead(int chunkSize) => 0;

    public int ProtectSymmetricChunk(Span<byte> chunk, int headerLength, int plainLength) => plainLength;

    public int UnprotectSymmetricChunk(Span<byte> chunk, int headerLength) => chunk.Length - headerLength;

    public byte[] BuildAsymmetricChunk(uint channelId, uint sequenceNumber, uint requestId, ReadOnlySpan<byte> body)
    {
        var writer = new UaWriter(body.Length + 128);
        writer.WriteUInt32(MessageType.OpenChannel | ((uint)MessageType.Final << 24));
        writer.WriteUInt32(0);
        writer.WriteUInt32(channelId);
        writer.WriteString(Uri);
        writer.WriteByteString((byte[]?)null);
        writer.WriteByteString((byte[]?)null);
        writer.WriteUInt32(sequenceNumber);
        writer.WriteUInt32(requestId);
        writer.WriteBytes(body);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        return bytes;
    }

    public int UnprotectAsymmetricChunk(Span<byte> chunk, int securityHeaderEnd, byte[]? senderCertificate, byte[]? receiverThumbprint) =>
        chunk.Length - securityHeaderEnd;

    public void OnTokenIssued(uint tokenId, byte[]? clientNonce, byte[]? serverNonce)
    {
    }
}
