using Factory.OpcUa.Services;

namespace Factory.OpcUa.SecureChannel;

/// <summary>SecurityPolicy None: chunks travel as they are.</summary>
public sealed class SecurityPolicyNone : ISecurityPolicy
{
    public const string Uri = "http://opcfoundation.org/UA/SecurityPolicy#None";

    public static SecurityPolicyNone Instance { get; } = new();

    public string PolicyUri => Uri;

    public MessageSecurityMode SecurityMode => MessageSecurityMode.None;

    public byte[]? LocalCertificate => null;

    public int SymmetricOverhead(int chunkSize) => 0;

    public int ProtectSymmetricChunk(Span<byte> chunk, int headerLength, int plainLength) => plainLength;

    public int UnprotectSymmetricChunk(Span<byte> chunk, int headerLength) => chunk.Length - headerLength;

    public void OnTokenIssued(byte[]? clientNonce, byte[]? serverNonce)
    {
    }
}
