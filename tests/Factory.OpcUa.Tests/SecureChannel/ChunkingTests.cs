using System.Buffers;
using System.Buffers.Binary;
using FsCheck.Xunit;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.SecureChannel;
using Factory.OpcUa.Services;
using Factory.OpcUa.Transport;

namespace Factory.OpcUa.Tests.SecureChannel;

public sealed class ChunkingTests
{
    [Property(MaxTest = 200)]
    public bool Chunks_reassemble_to_the_original_body(byte[] body, byte sizeSeed)
    {
        var chunkSize = 64 + sizeSeed;
        var chunker = new MessageChunker(SecurityPolicyNone.Instance) { SequenceNumber = 10 };
        var frames = chunker.BuildSymmetric(MessageType.Message, 7, 3, 99, body, new TransportLimits(chunkSize, chunkSize, 0, 0)).ToArray();
        var assembler = new ChunkAssembler(1 << 20, 0);
        var offset = 0;
        uint? lastSequence = null;
        byte[]? result = null;
        while (offset < frames.Length)
        {
            var size = BinaryPrimitives.ReadInt32LittleEndian(frames.AsSpan(offset + 4));
            if (size > chunkSize || BinaryPrimitives.ReadUInt32LittleEndian(frames.AsSpan(offset + 8)) != 7)
            {
                return false;
            }

            var sequence = BinaryPrimitives.ReadUInt32LittleEndian(frames.AsSpan(offset + 16));
            if (lastSequence is { } last && !SequenceNumbers.Follows(last, sequence))
            {
                return false;
            }

            lastSequence = sequence;
            var part = frames.AsSpan(offset + MessageChunker.SymmetricHeaderSize, size - MessageChunker.SymmetricHeaderSize);
            if (frames[offset + 3] == MessageType.Final)
            {
                var (buffer, length) = assembler.Complete(99, part);
                result = buffer.AsSpan(0, length).ToArray();
                ArrayPool<byte>.Shared.Return(buffer);
            }
            else
            {
                assembler.Append(99, part);
            }

            offset += size;
        }

        return result is not null && result.AsSpan().SequenceEqual(body);
    }

    [Fact]
    public void Too_many_chunks_are_refused_before_sending()
    {
        var chunker = new MessageChunker(SecurityPolicyNone.Instance);
        var error = Assert.Throws<ServiceResultException>(() =>
            chunker.BuildSymmetric(MessageType.Message, 1, 1, 1, new byte[10_000], new TransportLimits(8192, 8192, 0, 1)));
        Assert.Equal(StatusCodes.BadRequestTooLarge, error.StatusCode.Code);
    }

    [Fact]
    public void Assembler_refuses_messages_beyond_its_limits()
    {
        var assembler = new ChunkAssembler(100, 0);
        assembler.Append(1, new byte[60]);
        var error = Assert.Throws<ServiceResultException>(() => assembler.Append(1, new byte[60]));
        Assert.Equal(StatusCodes.BadResponseTooLarge, error.StatusCode.Code);
        Assert.False(assembler.HasPartial(1));
    }

    [Theory]
    [InlineData(5u, 6u, true)]
    [InlineData(5u, 7u, false)]
    [InlineData(5u, 5u, false)]
    [InlineData(uint.MaxValue - 1024, 3u, true)]
    [InlineData(1000u, 3u, false)]
    public void Sequence_numbers_advance_by_one_and_wrap_below_1024(uint previous, uint next, bool valid) =>
        Assert.Equal(valid, SequenceNumbers.Follows(previous, next));
}
