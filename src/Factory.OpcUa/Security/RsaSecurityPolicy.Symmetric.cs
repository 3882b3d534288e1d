using System.Buffers.Binary;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Security;

/// <summary>The symmetric (MSG/CLO) half: HMAC-SHA256 signatures and, in SignAndEncrypt, padding and AES-CBC.</summary>
public sealed partial class RsaSecurityPolicy
{
    /// <summary>Message header (8), channel id (4) and token id (4): the part of a chunk that is never encrypted.</summary>
    private const int ClearHeader = 16;

    public int SymmetricOverhead(int chunkSize)
    {
        var signature = _algorithms.SymmetricSignatureLength;
        if (SecurityMode != MessageSecurityMode.SignAndEncrypt)
        {
            return signature;
        }

        // The encrypted part (sequence header to signature) is a whole number of blocks and must fit the chunk.
        var encrypted = (chunkSize - ClearHeader) / _algorithms.BlockSize * _algorithms.BlockSize;
        var maxBody = encrypted - 8 - 1 - signature;
        return chunkSize - ClearHeader - 8 - maxBody;
    }

    public int ProtectSymmetricChunk(Span<byte> chunk, int headerLength, int plainLength)
    {
        var keys = KeysFor(chunk).Send;
        var signature = _algorithms.SymmetricSignatureLength;
        var length = plainLength;
        if (SecurityMode == MessageSecurityMode.SignAndEncrypt)
        {
            var block = _algorithms.BlockSize;
            var padding = (block - ((plainLength - ClearHeader + 1 + signature) % block)) % block;
            chunk.Slice(plainLength, padding + 1).Fill((byte)padding);
            length += padding + 1;
        }

        var total = length + signature;
        BinaryPrimitives.WriteInt32LittleEndian(chunk[4..], total);
        keys.Sign(chunk[..length], chunk.Slice(length, signature));
        if (SecurityMode == MessageSecurityMode.SignAndEncrypt)
        {
            keys.Encrypt(chunk[ClearHeader..total]);
        }

        return total;
    }

    public int UnprotectSymmetricChunk(Span<byte> chunk, int headerLength)
    {
        var keys = KeysFor(chunk).Receive;
        var signature = _algorithms.SymmetricSignatureLength;
        if (SecurityMode == MessageSecurityMode.SignAndEncrypt)
        {
            var encrypted = chunk.Length - ClearHeader;
            if (encrypted <= 0 || encrypted % _algorithms.BlockSize != 0)
            {
                throw SecurityChecksFailed($"An encrypted chunk of {chunk.Length} bytes is not a whole number of blocks.");
            }

            keys.Decrypt(chunk[ClearHeader..]);
        }

        var signatureStart = chunk.Length - signature;
        if (signatureStart < headerLength || !keys.Verify(chunk[..signatureStart], chunk[signatureStart..]))
        {
            throw SecurityChecksFailed("A chunk's signature is wrong (tampered with, or keys out of step).");
        }

        var bodyEnd = signatureStart;
        if (SecurityMode == MessageSecurityMode.SignAndEncrypt)
        {
            var padding = chunk[signatureStart - 1];
            bodyEnd = signatureStart - 1 - padding;
            if (bodyEnd < headerLength)
            {
                throw SecurityChecksFailed($"A chunk's padding ({padding} bytes) is longer than the chunk.");
            }
        }

        return bodyEnd - headerLength;
    }

    private TokenKeys KeysFor(ReadOnlySpan<byte> chunk)
    {
        if (chunk.Length < ClearHeader)
        {
            throw SecurityChecksFailed("A chunk is shorter than its header.");
        }

        var tokenId = BinaryPrimitives.ReadUInt32LittleEndian(chunk[12..]);
        lock (_tokenLock)
        {
            if (_current?.TokenId == tokenId)
            {
                return _current;
            }

            if (_previous?.TokenId == tokenId)
            {
                return _previous;
            }
        }

        throw new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelTokenUnknown), $"No keys for token {tokenId}.");
    }
}
