namespace Factory.Mqtt.Sparkplug;

/// <summary>
/// Reads the protobuf wire format over a span without allocating, checking every length against what is left,
/// so a truncated or hostile message fails with a <see cref="SparkplugDecodingException"/> instead of reading past its end.
/// </summary>
internal ref struct ProtobufReader(ReadOnlySpan<byte> data)
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>The next field number and wire type.</summary>
    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        var field = tag >> 3;
        if (field is 0 or > int.MaxValue)
        {
            throw new SparkplugDecodingException($"invalid field number {field}");
        }

        return ((int)field, (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new SparkplugDecodingException("truncated varint");
            }

            var b = _data[_position++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new SparkplugDecodingException("varint longer than 10 bytes");
    }

    public uint ReadFixed32() => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadFixed64() => System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A length-delimited field's bytes (a string, bytes or an embedded message).</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(_data.Length - _position))
        {
            throw new SparkplugDecodingException($"a field of {length} bytes runs past the end of its message");
        }

        return Take((int)length);
    }

    public string ReadString(int maxBytes)
    {
        var bytes = ReadBytes();
        if (bytes.Length > maxBytes)
        {
            throw new SparkplugDecodingException($"a string of {bytes.Length} bytes is over the limit of {maxBytes}");
        }

        return Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Skips a field this reader does not use. Groups (deprecated in protobuf, unused by Sparkplug) are refused.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                Take(8);
                break;
            case LengthDelimited:
                ReadBytes();
                break;
            case Fixed32:
                Take(4);
                break;
            default:
                throw new SparkplugDecodingException($"unsupported wire type {wireType}");
        }
    }

    /// <summary>Checks that a field came with the wire type its declaration needs.</summary>
    public static void Expect(int wireType, int expected, string field)
    {
        if (wireType != expected)
        {
            throw new SparkplugDecodingException($"field {field} has wire type {wireType}, expected {expected}");
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > _data.Length - _position)
        {
            throw new SparkplugDecodingException("message truncated");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
