using System.Buffers;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.SecureChannel;

/// <summary>
/// Collects the chunks of messages that span several chunks, keyed by request id (chunks of different
/// requests may interleave), and enforces the receiver's message size and chunk count limits.
/// </summary>
public sealed class ChunkAssembler
{
    private readonly Dictionary<uint, Partial> _partials = [];
    private readonly int _maxMessageSize;
    private readonly int _maxChunkCount;

    public ChunkAssembler(int maxMessageSize, int maxChunkCount)
    {
        _maxMessageSize = maxMessageSize;
        _maxChunkCount = maxChunkCount;
    }

    /// <summary>True when continuation chunks of <paramref name="requestId"/> are waiting.</summary>
    public bool HasPartial(uint requestId) => _partials.ContainsKey(requestId);

    /// <summary>Adds an intermediate chunk.</summary>
    public void Append(uint requestId, ReadOnlySpan<byte> body)
    {
        if (!_partials.TryGetValue(requestId, out var partial))
        {
            partial = new Partial();
            _partials[requestId] = partial;
        }

        partial.Add(body, _maxMessageSize, _maxChunkCount, () => _partials.Remove(requestId));
    }

    /// <summary>Adds the final chunk and returns the whole message body in a pooled buffer (return it to <see cref="ArrayPool{T}.Shared"/>).</summary>
    public (byte[] Buffer, int Length) Complete(uint requestId, ReadOnlySpan<byte> body)
    {
        Append(requestId, body);
        var partial = _partials[requestId];
        _partials.Remove(requestId);
        return (partial.Buffer, partial.Length);
    }

    /// <summary>Forgets the chunks of an aborted message.</summary>
    public void Discard(uint requestId)
    {
        if (_partials.Remove(requestId, out var partial))
        {
            ArrayPool<byte>.Shared.Return(partial.Buffer);
        }
    }

    private sealed class Partial
    {
        public byte[] Buffer { get; private set; } = ArrayPool<byte>.Shared.Rent(64 * 1024);

        public int Length { get; private set; }

        public int Chunks { get; private set; }

        public void Add(ReadOnlySpan<byte> body, int maxSize, int maxChunks, Action remove)
        {
            Chunks++;
            if ((maxSize > 0 && Length + body.Length > maxSize) || (maxChunks > 0 && Chunks > maxChunks))
            {
                remove();
                ArrayPool<byte>.Shared.Return(Buffer);
                throw new ServiceResultException(new StatusCode(StatusCodes.BadResponseTooLarge), $"A message exceeded {maxSize} bytes or {maxChunks} chunks.");
            }

            if (Length + body.Length > Buffer.Length)
            {
                var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(Buffer.Length * 2, Length + body.Length));
                Buffer.AsSpan(0, Length).CopyTo(bigger);
                ArrayPool<byte>.Shared.Return(Buffer);
                Buffer = bigger;
            }

            body.CopyTo(Buffer.AsSpan(Length));
            Length += body.Length;
        }
    }
}
