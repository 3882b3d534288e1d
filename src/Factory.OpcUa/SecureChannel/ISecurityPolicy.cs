using Factory.OpcUa.Services;

namespace Factory.OpcUa.SecureChannel;

/// <summary>
/// The security applied to secure-channel chunks. Only <see cref="SecurityPolicyNone"/> exists today; Sign and
/// SignAndEncrypt policies implement the same hooks (overhead sizing, protecting outgoing and checking incoming
/// chunks) without changes to the chunking or dispatch code.
/// </summary>
public interface ISecurityPolicy
{
    /// <summary>The policy URI sent in the asymmetric security header.</summary>
    string PolicyUri { get; }

    MessageSecurityMode SecurityMode { get; }

    /// <summary>The client certificate (DER) for the asymmetric header; null when the policy needs none.</summary>
    byte[]? LocalCertificate { get; }

    /// <summary>Bytes reserved per symmetric chunk for padding and signature, given the chunk size.</summary>
    int SymmetricOverhead(int chunkSize);

    /// <summary>Signs (and encrypts) a complete symmetric chunk in place; returns its final length.</summary>
    int ProtectSymmetricChunk(Span<byte> chunk, int headerLength, int plainLength);

    /// <summary>Verifies (and decrypts) an incoming symmetric chunk in place; returns the body length without padding and signature.</summary>
    int UnprotectSymmetricChunk(Span<byte> chunk, int headerLength);

    /// <summary>Called when an OpenSecureChannel exchange set new nonces, so derived keys can change.</summary>
    void OnTokenIssued(byte[]? clientNonce, byte[]? serverNonce);
}
