using System.Buffers;
using System.Buffers.Binary;

namespace Factory.OpcUa.Transport;

/// <summary>One UA-TCP frame (message or chunk) in a pooled buffer, header included; return it with <see cref="Dispose"/>.</summary>
public sealed class Frame : IDisposable
{
    private byte[]? _buffer;

    internal Frame(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The 24-bit message type (see <see cref="Transport.MessageType"/>).</summary>
    public uint MessageType => (uint)(Bytes[0] | (Bytes[1] << 8) | (Bytes[2] << 16));

    /// <summary>'F', 'C' or 'A'.</summary>
    public byte ChunkType => Bytes[3];

    public int Length { get; }

    /// <summary>The whole frame, including the 8-byte header.</summary>
    public Span<byte> Bytes => _buffer.AsSpan(0, Length);

    /// <summary>The frame after the 8-byte header.</summary>
    public Span<byte> Body => _buffer.AsSpan(8, Length - 8);

    internal static int ReadSize(ReadOnlySpan<byte> header) => BinaryPrimitives.ReadInt32LittleEndian(header[4..]);

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
