using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Factory.OpcUa.Encoding;

/// <summary>
/// Decodes UA Binary from a span. Every length is checked against the <see cref="DecodingLimits"/> and the bytes
/// remaining before anything is allocated; any malformed input raises <see cref="UaDecodingException"/>.
/// </summary>
public ref struct UaReader
{
    private static readonly UTF8Encoding s_utf8 = new(false, false);
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;
    private int _depth;

    /// <summary>Starts reading at the beginning of <paramref name="buffer"/>.</summary>
    public UaReader(ReadOnlySpan<byte> buffer, DecodingLimits? limits = null, EncodeableRegistry? registry = null)
    {
        _buffer = buffer;
        Limits = limits ?? DecodingLimits.Default;
        Registry = registry ?? EncodeableRegistry.Default;
        if (buffer.Length > Limits.MaxMessageSize)
        {
            throw new UaDecodingException($"The message of {buffer.Length} bytes exceeds the limit of {Limits.MaxMessageSize}.", StatusCodes.BadEncodingLimitsExceeded);
        }
    }

    public DecodingLimits Limits { get; }

    /// <summary>Decoders for structures inside ExtensionObjects.</summary>
    public EncodeableRegistry Registry { get; }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Takes the next <paramref name="count"/> bytes without copying.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            throw Truncated(count);
        }

        var span = _buffer.Slice(_position, count);
        _position += count;
        return span;
    }

    public bool ReadBoolean() => ReadByte() != 0;

    public sbyte ReadSByte() => (sbyte)ReadByte();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public byte ReadByte()
    {
        if (_position >= _buffer.Length)
        {
            throw Truncated(1);
        }

        return _buffer[_position++];
    }

    public short ReadInt16() => BinaryPrimitives.ReadInt16LittleEndian(ReadBytes(2));

    public ushort ReadUInt16() => BinaryPrimitives.ReadUInt16LittleEndian(ReadBytes(2));

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(ReadBytes(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(ReadBytes(4));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(ReadBytes(8));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(ReadBytes(8));

    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(ReadBytes(4));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleLittleEndian(ReadBytes(8));

    public DateTime ReadDateTime() => UaDateTime.FromUaTicks(ReadInt64());

    public Guid ReadGuid() => new(ReadBytes(16));

    public StatusCode ReadStatusCode() => new(ReadUInt32());

    /// <summary>A UTF-8 string; null for length −1.</summary>
    public string? ReadString()
    {
        var length = ReadLength(Limits.MaxStringLength, "string");
        return length < 0 ? null : length == 0 ? string.Empty : s_utf8.GetString(ReadBytes(length));
    }

    /// <summary>A byte string; null for length −1.</summary>
    public byte[]? ReadByteString()
    {
        var length = ReadLength(Limits.MaxStringLength, "byte string");
        return length < 0 ? null : ReadBytes(length).ToArray();
    }

    public XmlElement ReadXmlElement() => new(ReadString());

    public QualifiedName ReadQualifiedName() => new(ReadUInt16(), ReadString());

    public LocalizedText ReadLocalizedText()
    {
        var mask = ReadByte();
        var locale = (mask & 0x01) != 0 ? ReadString() : null;
        var text = (mask & 0x02) != 0 ? ReadString() : null;
        return new LocalizedText(locale, text);
    }

    public NodeId ReadNodeId() => ReadNodeIdBody(ReadByte());

    public ExpandedNodeId ReadExpandedNodeId()
    {
        var mask = ReadByte();
        var nodeId = ReadNodeIdBody((byte)(mask & 0x3F));
        var uri = (mask & 0x80) != 0 ? ReadString() : null;
        var server = (mask & 0x40) != 0 ? ReadUInt32() : 0u;
        return uri is null && server == 0 ? new ExpandedNodeId(nodeId) : new ExpandedNodeId(nodeId, uri, server);
    }

    /// <summary>An ExtensionObject: decoded when the registry knows its encoding id, otherwise kept as bytes.</summary>
    public ExtensionObject ReadExtensionObject()
    {
        Enter();
        var typeId = ReadNodeId();
        var encoding = ReadByte();
        ExtensionObject result;
        switch (encoding)
        {
            case 0:
                result = typeId.IsNull ? ExtensionObject.Null : new ExtensionObject(typeId, ExtensionObjectEncoding.None, null);
                break;
            case 1:
            {
                var length = ReadLength(Limits.MaxMessageSize, "extension object body");
                if (length < 0)
                {
                    length = 0;
                }

                var body = ReadBytes(length);
                if (Registry.TryCreate(typeId, out var value))
                {
                    var inner = new UaReader(body, Limits, Registry) { _depth = _depth };
                    value.Decode(ref inner);
                    result = new ExtensionObject(value);
                }
                else
                {
                    result = new ExtensionObject(typeId, ExtensionObjectEncoding.Binary, body.ToArray());
                }

                break;
            }

            case 2:
            {
                var length = ReadLength(Limits.MaxStringLength, "XML body");
                result = new ExtensionObject(typeId, ExtensionObjectEncoding.Xml, length < 0 ? null : ReadBytes(length).ToArray());
                break;
            }

            default:
                throw new UaDecodingException($"ExtensionObject encoding byte {encoding} is not 0, 1 or 2.");
        }

        _depth--;
        return result;
    }

    public DataValue ReadDataValue()
    {
        Enter();
        var mask = ReadByte();
        var value = (mask & 0x01) != 0 ? ReadVariant() : Variant.Null;
        var status = (mask & 0x02) != 0 ? ReadStatusCode() : default;
        var sourceTime = (mask & 0x04) != 0 ? ReadDateTime() : default;
        var sourcePico = (mask & 0x10) != 0 ? ReadUInt16() : (ushort)0;
        var serverTime = (mask & 0x08) != 0 ? ReadDateTime() : default;
        var serverPico = (mask & 0x20) != 0 ? ReadUInt16() : (ushort)0;
        _depth--;
        return new DataValue(value, status, sourceTime, serverTime, sourcePico, serverPico);
    }

    public DiagnosticInfo? ReadDiagnosticInfo()
    {
        Enter();
        var mask = ReadByte();
        if (mask == 0)
        {
            _depth--;
            return null;
        }

        var result = new DiagnosticInfo
        {
            SymbolicId = (mask & 0x01) != 0 ? ReadInt32() : null,
            NamespaceUri = (mask & 0x02) != 0 ? ReadInt32() : null,
            Locale = (mask & 0x08) != 0 ? ReadInt32() : null,
            LocalizedText = (mask & 0x04) != 0 ? ReadInt32() : null,
            AdditionalInfo = (mask & 0x10) != 0 ? ReadString() : null,
            InnerStatusCode = (mask & 0x20) != 0 ? ReadStatusCode() : null,
            InnerDiagnosticInfo = (mask & 0x40) != 0 ? ReadDiagnosticInfo() : null,
        };
        _depth--;
        return result;
    }

    /// <summary>A variant: scalar, array or matrix of any built-in type.</summary>
    public Variant ReadVariant()
    {
        Enter();
        var mask = ReadByte();
        var type = (BuiltInType)(mask & 0x3F);
        if (type > BuiltInType.DiagnosticInfo)
        {
            throw new UaDecodingException($"Variant built-in type {(int)type} is not defined.");
        }

        Variant result;
        if ((mask & 0x80) == 0)
        {
            if ((mask & 0x40) != 0)
            {
                throw new UaDecodingException("Variant has array dimensions without an array.");
            }

            result = ReadScalar(type);
        }
        else
        {
            if (type == BuiltInType.Null)
            {
                throw new UaDecodingException("Variant array of type Null.");
            }

            var array = ReadArrayOf(type);
            int[]? dimensions = null;
            if ((mask & 0x40) != 0)
            {
                dimensions = ReadInt32Array() ?? [];
                long product = 1;
                foreach (var d in dimensions)
                {
                    if (d < 0)
                    {
                        throw new UaDecodingException("Variant array dimension is negative.");
                    }

                    product = Math.Min(product * d, int.MaxValue + 1L);
                }

                if (dimensions.Length == 0 || product != array.Length)
                {
                    throw new UaDecodingException($"Variant dimensions do not match the {array.Length} array elements.");
                }
            }

            result = new Variant(type, array, dimensions);
        }

        _depth--;
        return result;
    }

    /// <summary>A structure known at compile time (not wrapped in an ExtensionObject).</summary>
    public T ReadEncodeable<T>()
        where T : IEncodeable, new()
    {
        Enter();
        var value = new T();
        value.Decode(ref this);
        _depth--;
        return value;
    }

    /// <summary>Reads an array length and checks it against the limits and the bytes left (each element ≥ <paramref name="minElementSize"/> bytes).</summary>
    public int ReadArrayLength(int minElementSize)
    {
        var length = ReadInt32();
        if (length < -1)
        {
            throw new UaDecodingException($"Array length {length} is negative.");
        }

        if (length > Limits.MaxArrayLength)
        {
            throw new UaDecodingException($"Array length {length} exceeds the limit of {Limits.MaxArrayLength}.", StatusCodes.BadEncodingLimitsExceeded);
        }

        if (length > 0 && (long)length * minElementSize > Remaining)
        {
            throw Truncated(length * (long)minElementSize);
        }

        return length;
    }

    public T[]? ReadEncodeableArray<T>()
        where T : IEncodeable, new()
    {
        var n = ReadArrayLength(1);
        if (n < 0)
        {
            return null;
        }

        var result = new T[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = ReadEncodeable<T>();
        }

        return result;
    }

    public T[]? ReadEnumArray<T>()
        where T : struct, Enum
    {
        var n = ReadArrayLength(4);
        if (n < 0)
        {
            return null;
        }

        var result = new T[n];
        for (var i = 0; i < n; i++)
        {
            var v = ReadInt32();
            result[i] = Unsafe.As<int, T>(ref v);
        }

        return result;
    }

    public bool[]? ReadBooleanArray() => ReadArray(1, static (ref UaReader r) => r.ReadBoolean());

    public sbyte[]? ReadSByteArray() => ReadArray(1, static (ref UaReader r) => r.ReadSByte());

    public byte[]? ReadByteArray()
    {
        var n = ReadArrayLength(1);
        return n < 0 ? null : ReadBytes(n).ToArray();
    }

    public short[]? ReadInt16Array() => ReadArray(2, static (ref UaReader r) => r.ReadInt16());

    public ushort[]? ReadUInt16Array() => ReadArray(2, static (ref UaReader r) => r.ReadUInt16());

    public int[]? ReadInt32Array() => ReadArray(4, static (ref UaReader r) => r.ReadInt32());

    public uint[]? ReadUInt32Array() => ReadArray(4, static (ref UaReader r) => r.ReadUInt32());

    public long[]? ReadInt64Array() => ReadArray(8, static (ref UaReader r) => r.ReadInt64());

    public ulong[]? ReadUInt64Array() => ReadArray(8, static (ref UaReader r) => r.ReadUInt64());

    public float[]? ReadFloatArray() => ReadArray(4, static (ref UaReader r) => r.ReadFloat());

    public double[]? ReadDoubleArray() => ReadArray(8, static (ref UaReader r) => r.ReadDouble());

    public string?[]? ReadStringArray() => ReadArray(4, static (ref UaReader r) => r.ReadString());

    public DateTime[]? ReadDateTimeArray() => ReadArray(8, static (ref UaReader r) => r.ReadDateTime());

    public Guid[]? ReadGuidArray() => ReadArray(16, static (ref UaReader r) => r.ReadGuid());

    public byte[]?[]? ReadByteStringArray() => ReadArray(4, static (ref UaReader r) => r.ReadByteString());

    public XmlElement[]? ReadXmlElementArray() => ReadArray(4, static (ref UaReader r) => r.ReadXmlElement());

    public NodeId[]? ReadNodeIdArray() => ReadArray(2, static (ref UaReader r) => r.ReadNodeId());

    public ExpandedNodeId[]? ReadExpandedNodeIdArray() => ReadArray(2, static (ref UaReader r) => r.ReadExpandedNodeId());

    public StatusCode[]? ReadStatusCodeArray() => ReadArray(4, static (ref UaReader r) => r.ReadStatusCode());

    public QualifiedName[]? ReadQualifiedNameArray() => ReadArray(6, static (ref UaReader r) => r.ReadQualifiedName());

    public LocalizedText[]? ReadLocalizedTextArray() => ReadArray(1, static (ref UaReader r) => r.ReadLocalizedText());

    public ExtensionObject[]? ReadExtensionObjectArray() => ReadArray(3, static (ref UaReader r) => r.ReadExtensionObject());

    public DataValue[]? ReadDataValueArray() => ReadArray(1, static (ref UaReader r) => r.ReadDataValue());

    public Variant[]? ReadVariantArray() => ReadArray(1, static (ref UaReader r) => r.ReadVariant());

    public DiagnosticInfo?[]? ReadDiagnosticInfoArray() => ReadArray(1, static (ref UaReader r) => r.ReadDiagnosticInfo());

    private delegate T ElementReader<T>(ref UaReader reader);

    private T[]? ReadArray<T>(int minElementSize, ElementReader<T> read)
    {
        var n = ReadArrayLength(minElementSize);
        if (n < 0)
        {
            return null;
        }

        var result = new T[n];
        for (var i = 0; i < n; i++)
        {
            result[i] = read(ref this);
        }

        return result;
    }

    private Array ReadArrayOf(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => ReadBooleanArray() ?? [],
        BuiltInType.SByte => ReadSByteArray() ?? [],
        BuiltInType.Byte => ReadByteArray() ?? [],
        BuiltInType.Int16 => ReadInt16Array() ?? [],
        BuiltInType.UInt16 => ReadUInt16Array() ?? [],
        BuiltInType.Int32 => ReadInt32Array() ?? [],
        BuiltInType.UInt32 => ReadUInt32Array() ?? [],
        BuiltInType.Int64 => ReadInt64Array() ?? [],
        BuiltInType.UInt64 => ReadUInt64Array() ?? [],
        BuiltInType.Float => ReadFloatArray() ?? [],
        BuiltInType.Double => ReadDoubleArray() ?? [],
        BuiltInType.String => ReadStringArray() ?? [],
        BuiltInType.DateTime => ReadDateTimeArray() ?? [],
        BuiltInType.Guid => ReadGuidArray() ?? [],
        BuiltInType.ByteString => ReadByteStringArray() ?? [],
        BuiltInType.XmlElement => ReadXmlElementArray() ?? [],
        BuiltInType.NodeId => ReadNodeIdArray() ?? [],
        BuiltInType.ExpandedNodeId => ReadExpandedNodeIdArray() ?? [],
        BuiltInType.StatusCode => ReadStatusCodeArray() ?? [],
        BuiltInType.QualifiedName => ReadQualifiedNameArray() ?? [],
        BuiltInType.LocalizedText => ReadLocalizedTextArray() ?? [],
        BuiltInType.ExtensionObject => ReadExtensionObjectArray() ?? [],
        BuiltInType.DataValue => ReadDataValueArray() ?? [],
        BuiltInType.Variant => ReadVariantArray() ?? [],
        _ => ReadDiagnosticInfoArray() ?? [],
    };

    private Variant ReadScalar(BuiltInType type) => type switch
    {
        BuiltInType.Null => Variant.Null,
        BuiltInType.Boolean => new Variant(ReadBoolean()),
        BuiltInType.SByte => new Variant(ReadSByte()),
        BuiltInType.Byte => new Variant(ReadByte()),
        BuiltInType.Int16 => new Variant(ReadInt16()),
        BuiltInType.UInt16 => new Variant(ReadUInt16()),
        BuiltInType.Int32 => new Variant(ReadInt32()),
        BuiltInType.UInt32 => new Variant(ReadUInt32()),
        BuiltInType.Int64 => new Variant(ReadInt64()),
        BuiltInType.UInt64 => new Variant(ReadUInt64()),
        BuiltInType.Float => new Variant(ReadFloat()),
        BuiltInType.Double => new Variant(ReadDouble()),
        BuiltInType.String => new Variant(ReadString()),
        BuiltInType.DateTime => new Variant(ReadDateTime()),
        BuiltInType.Guid => new Variant(ReadGuid()),
        BuiltInType.ByteString => new Variant(ReadByteString()),
        BuiltInType.XmlElement => new Variant(ReadXmlElement()),
        BuiltInType.NodeId => new Variant(ReadNodeId()),
        BuiltInType.ExpandedNodeId => new Variant(ReadExpandedNodeId()),
        BuiltInType.StatusCode => new Variant(ReadStatusCode()),
        BuiltInType.QualifiedName => new Variant(ReadQualifiedName()),
        BuiltInType.LocalizedText => new Variant(ReadLocalizedText()),
        BuiltInType.ExtensionObject => new Variant(ReadExtensionObject()),
        BuiltInType.DataValue => new Variant(ReadDataValue()),
        BuiltInType.Variant => Variant.Nested(ReadVariant()),
        _ => new Variant(ReadDiagnosticInfo()),
    };

    private NodeId ReadNodeIdBody(byte encoding)
    {
        switch (encoding)
        {
            case 0:
                return ReadByte() is var b && b == 0 ? NodeId.Null : new NodeId(b);
            case 1:
            {
                var ns = ReadByte();
                return new NodeId(ReadUInt16(), ns);
            }

            case 2:
            {
                var ns = ReadUInt16();
                return new NodeId(ReadUInt32(), ns);
            }

            case 3:
            {
                var ns = ReadUInt16();
                return new NodeId(ReadString() ?? string.Empty, ns);
            }

            case 4:
            {
                var ns = ReadUInt16();
                return new NodeId(ReadGuid(), ns);
            }

            case 5:
            {
                var ns = ReadUInt16();
                return new NodeId(ReadByteString() ?? [], ns);
            }

            default:
                throw new UaDecodingException($"NodeId encoding byte 0x{encoding:X2} is not defined.");
        }
    }

    private int ReadLength(int limit, string what)
    {
        var length = ReadInt32();
        if (length < -1)
        {
            throw new UaDecodingException($"The {what} length {length} is negative.");
        }

        if (length > limit)
        {
            throw new UaDecodingException($"The {what} length {length} exceeds the limit of {limit}.", StatusCodes.BadEncodingLimitsExceeded);
        }

        if (length > Remaining)
        {
            throw Truncated(length);
        }

        return length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        if (++_depth > Limits.MaxNestingDepth)
        {
            throw new UaDecodingException($"Nesting deeper than {Limits.MaxNestingDepth} levels.", StatusCodes.BadEncodingLimitsExceeded);
        }
    }

    private readonly UaDecodingException Truncated(long needed) =>
        new($"Needed {needed} bytes at offset {_position} but only {Remaining} remain.");
}
