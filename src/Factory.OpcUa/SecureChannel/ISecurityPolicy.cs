using Factory.OpcUa.Services;

namespace Factory.OpcUa.SecureChannel;

/// <summary>
/// The security applied to secure-channel chunks by one channel: <see cref="SecurityPolicyNone"/>, or
/// <see cref="Security.RsaSecurityPolicy"/> for the signed and encrypted policies. The chunking and dispatch code
/// only sizes, protects and checks chunks through these hooks.
/// </summary>
public interface ISecurityPolicy
{
    /// <summary>The policy URI sent in the asymmetric security header.</summary>
    string PolicyUri { get; }

    /// <summary>None, Sign or SignAndEncrypt.</summary>
    MessageSecurityMode SecurityMode { get; }

    /// <summary>The own certificate (DER) for the asymmetric header; null when the policy needs none.</summary>
    byte[]? LocalCertificate { get; }

    /// <summary>A fresh nonce for OpenSecureChannel (empty for None).</summary>
    byte[] CreateNonce();

    /// <summary>Bytes reserved per symmetric chunk for padding and signature, given the chunk size.</summary>
    int SymmetricOverhead(int chunkSize);

    /// <summary>Signs (and encrypts) a complete symmetric chunk in place, writing its final size; returns its final length.</summary>
    int ProtectSymmetricChunk(Span<byte> chunk, int headerLength, int plainLength);

    /// <summary>Verifies (and decrypts) an incoming symmetric chunk in place; returns the body length without padding and signature.</summary>
    int UnprotectSymmetricChunk(Span<byte> chunk, int headerLength);

    /// <summary>Builds a whole OpenSecureChannel chunk: asymmetric security header, sequence header, body and protection.</summary>
    byte[] BuildAsymmetricChunk(uint channelId, uint sequenceNumber, uint requestId, ReadOnlySpan<byte> body);

    /// <summary>
    /// Checks (and decrypts) an incoming OpenSecureChannel chunk in place, given the parsed asymmetric security header
    /// that ends at <paramref name="securityHeaderEnd"/>; returns the length of sequence header and body that follow it.
    /// </summary>
    int UnprotectAsymmetricChunk(Span<byte> chunk, int securityHeaderEnd, byte[]? senderCertificate, byte[]? receiverThumbprint);

    /// <summary>Called when an OpenSecureChannel exchange issued a token, so the keys for that token can be derived.</summary>
    void OnTokenIssued(uint tokenId, byte[]? clientNonce, byte[]? serverNonce);
}
