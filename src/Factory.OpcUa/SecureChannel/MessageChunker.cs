using System.Buffers.Binary;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.SecureChannel;

/// <summary>
/// Splits an encoded message body into symmetric (MSG/CLO) chunks that fit the peer's receive buffer, writing
/// headers, sequence numbers and the security policy's protection. Shared by client and server channels.
/// </summary>
public sealed class MessageChunker
{
    /// <summary>Message header (8) + channel id (4) + token id (4) + sequence header (8).</summary>
    public const int SymmetricHeaderSize = 24;

    private readonly ISecurityPolicy _policy;
    private readonly UaWriter _output = new(64 * 1024);

    public MessageChunker(ISecurityPolicy policy)
    {
        _policy = policy ?? throw new ArgumentNullException(nameof(policy));
    }

    /// <summary>The last sequence number used; the next chunk gets the following one.</summary>
    public uint SequenceNumber { get; set; }

    /// <summary>
    /// Builds the chunks of one message into an internal buffer and returns it (valid until the next call).
    /// Throws <see cref="ServiceResultException"/> with BadRequestTooLarge when the peer's limits forbid it.
    /// </summary>
    public ReadOnlyMemory<byte> BuildSymmetric(
        uint messageType, uint channelId, uint tokenId, uint requestId, ReadOnlySpan<byte> body, TransportLimits peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        if (peer.MaxMessageSize > 0 && body.Length > peer.MaxMessageSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadRequestTooLarge), $"The message of {body.Length} bytes exceeds the peer's limit of {peer.MaxMessageSize}.");
        }

        var chunkSize = peer.ReceiveBufferSize;
        var maxBody = chunkSize - SymmetricHeaderSize - _policy.SymmetricOverhead(chunkSize);
        if (maxBody <= 0)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpInternalError), "The negotiated buffer is too small.");
        }

        var chunks = Math.Max(1, (body.Length + maxBody - 1) / maxBody);
        if (peer.MaxChunkCount > 0 && chunks > peer.MaxChunkCount)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadRequestTooLarge), $"The message needs {chunks} chunks; the peer accepts {peer.MaxChunkCount}.");
        }

        _output.Reset();
        var offset = 0;
        for (var i = 0; i < chunks; i++)
        {
            var part = body.Slice(offset, Math.Min(maxBody, body.Length - offset));
            offset += part.Length;
            var final = i == chunks - 1;
            var start = _output.Position;
            _output.WriteUInt32(messageType | ((uint)(final ? MessageType.Final : MessageType.Continuation) << 24));
            _output.WriteUInt32(0);
            _output.WriteUInt32(channelId);
            _output.WriteUInt32(tokenId);
            SequenceNumber = SequenceNumbers.Next(SequenceNumber);
            _output.WriteUInt32(SequenceNumber);
            _output.WriteUInt32(requestId);
            _output.WriteBytes(part);
            var plain = _output.Position - start;
            _output.Position = start + chunkSize;
            var chunk = _output.Slice(start, chunkSize);
            var length = _policy.ProtectSymmetricChunk(chunk, SymmetricHeaderSize, plain);
            BinaryPrimitives.WriteInt32LittleEndian(chunk[4..], length);
            _output.Position = start + length;
        }

        return _output.WrittenMemory;
    }
}
