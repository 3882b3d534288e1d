using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Security;

/// <summary>
/// One end of a secure channel under Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss in Sign or
/// SignAndEncrypt mode (Part 6 §6.7). OpenSecureChannel chunks are RSA-signed with the own key and RSA-encrypted
/// with the peer's key in both modes; every other chunk is HMAC-signed, and in SignAndEncrypt padded and AES-CBC
/// encrypted, with keys derived per token from the two nonces. Every check of incoming data fails with a
/// <see cref="ServiceResultException"/> (BadSecurityChecksFailed and friends), never with an index or crypto error.
/// </summary>
public sealed partial class RsaSecurityPolicy : ISecurityPolicy, IDisposable
{
    private readonly SecurityAlgorithms _algorithms;
    private readonly bool _isClient;
    private readonly RSA _localKey;
    private readonly RSA _remoteKey;
    private readonly byte[] _localThumbprint;
    private readonly byte[] _remoteLeaf;
    private readonly byte[] _remoteThumbprint;
    private readonly object _tokenLock = new();
    private TokenKeys? _current;
    private TokenKeys? _previous;

    /// <summary>Creates the policy of one channel.</summary>
    /// <param name="algorithms">The policy's algorithm suite.</param>
    /// <param name="mode">Sign or SignAndEncrypt.</param>
    /// <param name="localCertificate">The own application certificate, with its RSA private key.</param>
    /// <param name="remoteCertificate">The peer's certificate (DER, possibly a chain).</param>
    /// <param name="isClient">True at the client end (it sends with the client keys).</param>
    public RsaSecurityPolicy(SecurityAlgorithms algorithms, MessageSecurityMode mode, X509Certificate2 localCertificate, byte[] remoteCertificate, bool isClient)
    {
        ArgumentNullException.ThrowIfNull(algorithms);
        ArgumentNullException.ThrowIfNull(localCertificate);
        if (mode is not (MessageSecurityMode.Sign or MessageSecurityMode.SignAndEncrypt))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "A secured policy needs Sign or SignAndEncrypt.");
        }

        _algorithms = algorithms;
        _isClient = isClient;
        SecurityMode = mode;
        _localKey = localCertificate.GetRSAPrivateKey()
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The application certificate has no RSA private key.");
        LocalCertificate = localCertificate.RawData;
        _localThumbprint = SHA1.HashData(LocalCertificate);
        using var remote = CertificateChain.Load(remoteCertificate, isClient ? "server" : "client");
        _remoteKey = remote.GetRSAPublicKey()
            ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The peer's certificate has no RSA key.");
        _remoteLeaf = remote.RawData;
        _remoteThumbprint = SHA1.HashData(_remoteLeaf);
    }

    public string PolicyUri => _algorithms.Uri;

    /// <summary>Sign or SignAndEncrypt; a server learns it from the OpenSecureChannel request it first has to decrypt.</summary>
    public MessageSecurityMode SecurityMode { get; internal set; }

    public byte[]? LocalCertificate { get; }

    /// <summary>The peer's leaf certificate (DER).</summary>
    public byte[] RemoteCertificate => _remoteLeaf;

    /// <summary>The algorithm suite.</summary>
    public SecurityAlgorithms Algorithms => _algorithms;

    public byte[] CreateNonce() => RandomNumberGenerator.GetBytes(_algorithms.NonceLength);

    public void OnTokenIssued(uint tokenId, byte[]? clientNonce, byte[]? serverNonce)
    {
        if (clientNonce?.Length != _algorithms.NonceLength || serverNonce?.Length != _algorithms.NonceLength)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadNonceInvalid), $"{_algorithms.Name} needs {_algorithms.NonceLength}-byte nonces; got {clientNonce?.Length ?? 0} and {serverNonce?.Length ?? 0}.");
        }

        // Client keys come from P_SHA256(ServerNonce, ClientNonce), server keys from P_SHA256(ClientNonce, ServerNonce);
        // each side sends with its own keys.
        var clientKeys = new ChannelKeys(_algorithms, serverNonce, clientNonce);
        var serverKeys = new ChannelKeys(_algorithms, clientNonce, serverNonce);
        var keys = _isClient ? new TokenKeys(tokenId, clientKeys, serverKeys) : new TokenKeys(tokenId, serverKeys, clientKeys);
        lock (_tokenLock)
        {
            // Chunks in flight may still use the previous token; older ones are left to the collector rather than
            // disposed here, where another thread could be using them.
            _previous = _current;
            _current = keys;
        }
    }

    public byte[] BuildAsymmetricChunk(uint channelId, uint sequenceNumber, uint requestId, ReadOnlySpan<byte> body)
    {
        var remoteBlock = _remoteKey.KeySize / 8;
        var plainBlock = remoteBlock - _algorithms.AsymmetricPaddingOverhead;
        var signatureLength = _localKey.KeySize / 8;
        var extraPadding = remoteBlock > 256;
        var writer = new UaWriter(body.Length + LocalCertificate!.Length + (4 * remoteBlock) + 256);
        writer.WriteUInt32(MessageType.OpenChannel | ((uint)MessageType.Final << 24));
        writer.WriteUInt32(0);
        writer.WriteUInt32(channelId);
        writer.WriteString(_algorithms.Uri);
        writer.WriteByteString(LocalCertificate);
        writer.WriteByteString(_remoteThumbprint);
        var headerEnd = writer.Position;
        writer.WriteUInt32(sequenceNumber);
        writer.WriteUInt32(requestId);
        writer.WriteBytes(body);

        // Sequence header, body, padding, padding size and signature fill whole plaintext blocks of the peer's key.
        var plainLength = writer.Position - headerEnd + 1 + (extraPadding ? 1 : 0) + signatureLength;
        var padding = (plainBlock - (plainLength % plainBlock)) % plainBlock;
        for (var i = 0; i < padding; i++)
        {
            writer.WriteByte((byte)padding);
        }

        writer.WriteByte((byte)padding);
        if (extraPadding)
        {
            writer.WriteByte((byte)(padding >> 8));
        }

        var blocks = (plainLength + padding) / plainBlock;
        var messageSize = headerEnd + (blocks * remoteBlock);
        var unsigned = writer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(unsigned.AsSpan(4), messageSize);
        var signature = _localKey.SignData(unsigned, HashAlgorithmName.SHA256, _algorithms.AsymmetricSignature);
        var plain = new byte[blocks * plainBlock];
        unsigned.AsSpan(headerEnd).CopyTo(plain);
        signature.CopyTo(plain, unsigned.Length - headerEnd);
        var output = new byte[messageSize];
        unsigned.AsSpan(0, headerEnd).CopyTo(output);
        for (var i = 0; i < blocks; i++)
        {
            var encrypted = _remoteKey.Encrypt(plain.AsSpan(i * plainBlock, plainBlock).ToArray(), _algorithms.AsymmetricEncryption);
            encrypted.CopyTo(output, headerEnd + (i * remoteBlock));
        }

        return output;
    }

    public int UnprotectAsymmetricChunk(Span<byte> chunk, int securityHeaderEnd, byte[]? senderCertificate, byte[]? receiverThumbprint)
    {
        if (senderCertificate is null || !CertificateChain.First(senderCertificate).AsSpan().SequenceEqual(_remoteLeaf))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The OpenSecureChannel message was signed with a different certificate than the peer's.");
        }

        if (receiverThumbprint is null || !receiverThumbprint.AsSpan().SequenceEqual(_localThumbprint))
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadCertificateInvalid), "The OpenSecureChannel message was encrypted for a different certificate than ours.");
        }

        var localBlock = _localKey.KeySize / 8;
        var encrypted = chunk[securityHeaderEnd..];
        if (encrypted.Length == 0 || encrypted.Length % localBlock != 0)
        {
            throw SecurityChecksFailed($"The encrypted part of OpenSecureChannel ({encrypted.Length} bytes) is not a whole number of {localBlock}-byte blocks.");
        }

        // Decrypted blocks are shorter than encrypted ones, so writing them back from the front never overtakes the reading.
        var plainLength = 0;
        var block = new byte[localBlock];
        for (var offset = 0; offset < encrypted.Length; offset += localBlock)
        {
            int written;
            try
            {
                if (!_localKey.TryDecrypt(encrypted.Slice(offset, localBlock), block, _algorithms.AsymmetricEncryption, out written))
                {
                    throw SecurityChecksFailed("An OpenSecureChannel block did not decrypt.");
                }
            }
            catch (CryptographicException ex)
            {
                throw SecurityChecksFailed($"An OpenSecureChannel block did not decrypt with our key: {ex.Message}");
            }

            block.AsSpan(0, written).CopyTo(encrypted[plainLength..]);
            plainLength += written;
        }

        var signatureLength = _remoteKey.KeySize / 8;
        var signatureStart = securityHeaderEnd + plainLength - signatureLength;
        var extraPadding = localBlock > 256;
        if (signatureStart - securityHeaderEnd < 8 + 1 + (extraPadding ? 1 : 0))
        {
            throw SecurityChecksFailed("The OpenSecureChannel message is too short for its signature.");
        }

        if (!_remoteKey.VerifyData(chunk[..signatureStart], chunk.Slice(signatureStart, signatureLength), HashAlgorithmName.SHA256, _algorithms.AsymmetricSignature))
        {
            throw SecurityChecksFailed("The OpenSecureChannel signature is wrong.");
        }

        var padding = (int)chunk[signatureStart - 1];
        var paddingEnd = signatureStart - 1;
        if (extraPadding)
        {
            padding = (padding << 8) | chunk[signatureStart - 2];
            paddingEnd--;
        }

        var bodyEnd = paddingEnd - padding;
        if (bodyEnd < securityHeaderEnd + 8)
        {
            throw SecurityChecksFailed($"The OpenSecureChannel padding ({padding} bytes) is longer than the message.");
        }

        return bodyEnd - securityHeaderEnd;
    }

    public void Dispose()
    {
        lock (_tokenLock)
        {
            _previous?.Dispose();
            _current?.Dispose();
            _previous = _current = null;
        }

        _localKey.Dispose();
        _remoteKey.Dispose();
    }

    private static ServiceResultException SecurityChecksFailed(string message) =>
        new(new StatusCode(StatusCodes.BadSecurityChecksFailed), message);

    private sealed record TokenKeys(uint TokenId, ChannelKeys Send, ChannelKeys Receive) : IDisposable
    {
        public void Dispose()
        {
            Send.Dispose();
            Receive.Dispose();
        }
    }
}
