using System.Buffers;
using System.Buffers.Binary;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Transport;

/// <summary>Reads and writes UA-TCP frames on a byte stream; used by both client and server channels.</summary>
public sealed class FrameStream : IAsyncDisposable
{
    private readonly Stream _stream;
    private readonly byte[] _header = new byte[8];

    public FrameStream(Stream stream)
    {
        _stream = stream ?? throw new ArgumentNullException(nameof(stream));
    }

    /// <summary>Frames larger than this are refused (our receive buffer size).</summary>
    public int MaxFrameSize { get; set; } = TransportLimits.MinBufferSize;

    /// <summary>Reads the next frame; throws <see cref="ServiceResultException"/> on a closed stream or an oversized frame.</summary>
    public async ValueTask<Frame> ReadAsync(CancellationToken cancellationToken)
    {
        await ReadExactly(_header, cancellationToken).ConfigureAwait(false);
        var size = Frame.ReadSize(_header);
        if (size < 8 || size > MaxFrameSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTooLarge), $"A frame of {size} bytes arrived; the limit is {MaxFrameSize}.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        _header.CopyTo(buffer, 0);
        try
        {
            await ReadExactly(buffer.AsMemory(8, size - 8), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new Frame(buffer, size);
    }

    /// <summary>
    /// Reads the next frame, blocking the calling thread: for a dedicated receive thread, which costs nothing while
    /// the connection is quiet and needs no thread-pool hand-off per chunk. Throws like <see cref="ReadAsync"/>.
    /// </summary>
    public Frame Read()
    {
        ReadExactly(_header);
        var size = Frame.ReadSize(_header);
        if (size < 8 || size > MaxFrameSize)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadTcpMessageTooLarge), $"A frame of {size} bytes arrived; the limit is {MaxFrameSize}.");
        }

        var buffer = ArrayPool<byte>.Shared.Rent(size);
        _header.CopyTo(buffer, 0);
        try
        {
            ReadExactly(buffer.AsSpan(8, size - 8));
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        return new Frame(buffer, size);
    }

    /// <summary>Writes bytes that already contain complete frames.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> frames, CancellationToken cancellationToken) =>
        _stream.WriteAsync(frames, cancellationToken);

    /// <summary>Writes bytes that already contain complete frames, blocking the calling thread until the socket took them.</summary>
    public void Write(ReadOnlySpan<byte> frames) => _stream.Write(frames);

    /// <summary>Writes a HEL, ACK or ERR message with its header, blocking the calling thread.</summary>
    public void WriteMessage(uint messageType, Action<UaWriter> body) => _stream.Write(BuildMessage(messageType, body));

    /// <summary>Writes a HEL, ACK or ERR message with its header.</summary>
    public async ValueTask WriteMessageAsync(uint messageType, Action<UaWriter> body, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(BuildMessage(messageType, body), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();

    private static byte[] BuildMessage(uint messageType, Action<UaWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var writer = new UaWriter(256);
        writer.WriteUInt32(messageType | ((uint)MessageType.Final << 24));
        writer.WriteUInt32(0);
        body(writer);
        var bytes = writer.ToArray();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length);
        return bytes;
    }

    private void ReadExactly(Span<byte> target)
    {
        try
        {
            _stream.ReadExactly(target);
        }
        catch (EndOfStreamException ex)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadConnectionClosed), "The peer closed the connection.", ex);
        }
        catch (IOException ex)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadConnectionClosed), ex.Message, ex);
        }
    }

    private async ValueTask ReadExactly(Memory<byte> target, CancellationToken cancellationToken)
    {
        try
        {
            await _stream.ReadExactlyAsync(target, cancellationToken).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadConnectionClosed), "The peer closed the connection.", ex);
        }
        catch (IOException ex)
        {
            throw new ServiceResultException(new StatusCode(StatusCodes.BadConnectionClosed), ex.Message, ex);
        }
    }
}
