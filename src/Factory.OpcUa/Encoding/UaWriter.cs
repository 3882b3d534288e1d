using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;

namespace Factory.OpcUa.Encoding;

/// <summary>Encodes UA Binary into a growable buffer that can be reset and reused.</summary>
public sealed class UaWriter
{
    private byte[] _buffer;
    private int _position;

    public UaWriter(int initialCapacity = 4096)
    {
        _buffer = new byte[Math.Max(16, initialCapacity)];
    }

    /// <summary>The number of bytes written; setting it moves the write position (to patch headers).</summary>
    public int Position
    {
        get => _position;
        set
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value);
            EnsureCapacity(value - _position);
            _position = value;
        }
    }

    /// <summary>The bytes written so far.</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _position);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _position);

    /// <summary>A writable view of already written bytes (to patch headers or protect chunks in place).</summary>
    public Span<byte> Slice(int start, int length)
    {
        if ((uint)start > (uint)_position || (uint)length > (uint)(_position - start))
        {
            throw new ArgumentOutOfRangeException(nameof(start));
        }

        return _buffer.AsSpan(start, length);
    }

    /// <summary>Forgets the content, keeping the buffer.</summary>
    public void Reset() => _position = 0;

    /// <summary>Copies the written bytes into a new array.</summary>
    public byte[] ToArray() => WrittenSpan.ToArray();

    /// <summary>Reserves <paramref name="count"/> bytes and returns them for direct writing.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int count)
    {
        EnsureCapacity(count);
        var span = _buffer.AsSpan(_position, count);
        _position += count;
        return span;
    }

    public void WriteBytes(ReadOnlySpan<byte> bytes) => bytes.CopyTo(GetSpan(bytes.Length));

    public void WriteBoolean(bool value) => WriteByte(value ? (byte)1 : (byte)0);

    public void WriteSByte(sbyte value) => WriteByte((byte)value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteByte(byte value)
    {
        EnsureCapacity(1);
        _buffer[_position++] = value;
    }

    public void WriteInt16(short value) => BinaryPrimitives.WriteInt16LittleEndian(GetSpan(2), value);

    public void WriteUInt16(ushort value) => BinaryPrimitives.WriteUInt16LittleEndian(GetSpan(2), value);

    public void WriteInt32(int value) => BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);

    public void WriteUInt32(uint value) => BinaryPrimitives.WriteUInt32LittleEndian(GetSpan(4), value);

    public void WriteInt64(long value) => BinaryPrimitives.WriteInt64LittleEndian(GetSpan(8), value);

    public void WriteUInt64(ulong value) => BinaryPrimitives.WriteUInt64LittleEndian(GetSpan(8), value);

    public void WriteFloat(float value) => BinaryPrimitives.WriteSingleLittleEndian(GetSpan(4), value);

    public void WriteDouble(double value) => BinaryPrimitives.WriteDoubleLittleEndian(GetSpan(8), value);

    public void WriteDateTime(DateTime value) => WriteInt64(UaDateTime.ToUaTicks(value));

    public void WriteGuid(Guid value) => value.TryWriteBytes(GetSpan(16));

    public void WriteStatusCode(StatusCode value) => WriteUInt32(value.Code);

    public void WriteString(string? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        var count = System.Text.Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        System.Text.Encoding.UTF8.GetBytes(value, GetSpan(count));
    }

    public void WriteByteString(byte[]? value)
    {
        if (value is null)
        {
            WriteInt32(-1);
            return;
        }

        WriteInt32(value.Length);
        WriteBytes(value);
    }

    public void WriteByteString(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        WriteBytes(value);
    }

    public void WriteXmlElement(XmlElement value) => WriteString(value.Xml);

    public void WriteQualifiedName(QualifiedName value)
    {
        WriteUInt16(value.NamespaceIndex);
        WriteString(value.Name);
    }

    public void WriteLocalizedText(LocalizedText value)
    {
        var mask = (byte)((value.Locale is null ? 0 : 1) | (value.Text is null ? 0 : 2));
        WriteByte(mask);
        if (value.Locale is not null)
        {
            WriteString(value.Locale);
        }

        if (value.Text is not null)
        {
            WriteString(value.Text);
        }
    }

    public void WriteNodeId(NodeId? value) => WriteNodeId(value ?? NodeId.Null, 0);

    public void WriteExpandedNodeId(ExpandedNodeId? value)
    {
        value ??= ExpandedNodeId.Null;
        var flags = (byte)((value.NamespaceUri is null ? 0 : 0x80) | (value.ServerIndex == 0 ? 0 : 0x40));
        WriteNodeId(value.NodeId, flags);
        if (value.NamespaceUri is not null)
        {
            WriteString(value.NamespaceUri);
        }

        if (value.ServerIndex != 0)
        {
            WriteUInt32(value.ServerIndex);
        }
    }

    public void WriteExtensionObject(ExtensionObject? value)
    {
        value ??= ExtensionObject.Null;
        if (value.Body is { } body)
        {
            WriteNodeId(body.BinaryEncodingId);
            WriteByte(1);
            var lengthAt = _position;
            WriteInt32(0);
            body.Encode(this);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthAt), _position - lengthAt - 4);
            return;
        }

        WriteNodeId(value.TypeId);
        WriteByte((byte)value.Encoding);
        if (value.Encoding != ExtensionObjectEncoding.None)
        {
            WriteByteString(value.RawBody ?? []);
        }
    }

    /// <summary>Wraps a structure in an ExtensionObject with its binary encoding id.</summary>
    public void WriteExtensionObject(IEncodeable value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteNodeId(value.BinaryEncodingId);
        WriteByte(1);
        var lengthAt = _position;
        WriteInt32(0);
        value.Encode(this);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(lengthAt), _position - lengthAt - 4);
    }

    public void WriteDataValue(DataValue value)
    {
        var mask = 0;
        if (!value.Value.IsNull)
        {
            mask |= 0x01;
        }

        if (value.StatusCode.Code != 0)
        {
            mask |= 0x02;
        }

        if (value.SourceTimestamp != default)
        {
            mask |= 0x04;
        }

        if (value.ServerTimestamp != default)
        {
            mask |= 0x08;
        }

        if (value.SourcePicoseconds != 0)
        {
            mask |= 0x10;
        }

        if (value.ServerPicoseconds != 0)
        {
            mask |= 0x20;
        }

        WriteByte((byte)mask);
        if ((mask & 0x01) != 0)
        {
            WriteVariant(value.Value);
        }

        if ((mask & 0x02) != 0)
        {
            WriteStatusCode(value.StatusCode);
        }

        if ((mask & 0x04) != 0)
        {
            WriteDateTime(value.SourceTimestamp);
        }

        if ((mask & 0x10) != 0)
        {
            WriteUInt16(value.SourcePicoseconds);
        }

        if ((mask & 0x08) != 0)
        {
            WriteDateTime(value.ServerTimestamp);
        }

        if ((mask & 0x20) != 0)
        {
            WriteUInt16(value.ServerPicoseconds);
        }
    }

    public void WriteDiagnosticInfo(DiagnosticInfo? value)
    {
        if (value is null)
        {
            WriteByte(0);
            return;
        }

        var mask = (value.SymbolicId.HasValue ? 0x01 : 0) | (value.NamespaceUri.HasValue ? 0x02 : 0)
            | (value.LocalizedText.HasValue ? 0x04 : 0) | (value.Locale.HasValue ? 0x08 : 0)
            | (value.AdditionalInfo is null ? 0 : 0x10) | (value.InnerStatusCode.HasValue ? 0x20 : 0)
            | (value.InnerDiagnosticInfo is null ? 0 : 0x40);
        WriteByte((byte)mask);
        if (value.SymbolicId is { } s)
        {
            WriteInt32(s);
        }

        if (value.NamespaceUri is { } n)
        {
            WriteInt32(n);
        }

        if (value.Locale is { } l)
        {
            WriteInt32(l);
        }

        if (value.LocalizedText is { } t)
        {
            WriteInt32(t);
        }

        if (value.AdditionalInfo is not null)
        {
            WriteString(value.AdditionalInfo);
        }

        if (value.InnerStatusCode is { } c)
        {
            WriteStatusCode(c);
        }

        if (value.InnerDiagnosticInfo is not null)
        {
            WriteDiagnosticInfo(value.InnerDiagnosticInfo);
        }
    }

    public void WriteVariant(Variant value)
    {
        var type = value.Type;
        if (!value.IsArray)
        {
            WriteByte((byte)type);
            WriteScalar(value);
            return;
        }

        var array = (Array)value.Reference!;
        var dims = value.Dimensions;
        WriteByte((byte)((byte)type | 0x80 | (dims is null ? 0 : 0x40)));
        WriteArrayOf(type, array);
        if (dims is not null)
        {
            WriteInt32Array(dims);
        }
    }

    public void WriteEncodeable<T>(T value)
        where T : IEncodeable
    {
        ArgumentNullException.ThrowIfNull(value);
        value.Encode(this);
    }

    public void WriteEncodeableArray<T>(T[]? values)
        where T : IEncodeable
    {
        if (WriteArrayLength(values))
        {
            foreach (var v in values!)
            {
                v.Encode(this);
            }
        }
    }

    public void WriteEnumArray<T>(T[]? values)
        where T : struct, Enum
    {
        if (WriteArrayLength(values))
        {
            foreach (var v in values!)
            {
                var copy = v;
                WriteInt32(Unsafe.As<T, int>(ref copy));
            }
        }
    }

    public void WriteBooleanArray(bool[]? values) => WriteArray(values, static (w, v) => w.WriteBoolean(v));

    public void WriteSByteArray(sbyte[]? values) => WriteArray(values, static (w, v) => w.WriteSByte(v));

    public void WriteByteArray(byte[]? values)
    {
        if (WriteArrayLength(values))
        {
            WriteBytes(values);
        }
    }

    public void WriteInt16Array(short[]? values) => WriteArray(values, static (w, v) => w.WriteInt16(v));

    public void WriteUInt16Array(ushort[]? values) => WriteArray(values, static (w, v) => w.WriteUInt16(v));

    public void WriteInt32Array(int[]? values) => WriteArray(values, static (w, v) => w.WriteInt32(v));

    public void WriteUInt32Array(uint[]? values) => WriteArray(values, static (w, v) => w.WriteUInt32(v));

    public void WriteInt64Array(long[]? values) => WriteArray(values, static (w, v) => w.WriteInt64(v));

    public void WriteUInt64Array(ulong[]? values) => WriteArray(values, static (w, v) => w.WriteUInt64(v));

    public void WriteFloatArray(float[]? values) => WriteArray(values, static (w, v) => w.WriteFloat(v));

    public void WriteDoubleArray(double[]? values) => WriteArray(values, static (w, v) => w.WriteDouble(v));

    public void WriteStringArray(string?[]? values) => WriteArray(values, static (w, v) => w.WriteString(v));

    public void WriteDateTimeArray(DateTime[]? values) => WriteArray(values, static (w, v) => w.WriteDateTime(v));

    public void WriteGuidArray(Guid[]? values) => WriteArray(values, static (w, v) => w.WriteGuid(v));

    public void WriteByteStringArray(byte[]?[]? values) => WriteArray(values, static (w, v) => w.WriteByteString(v));

    public void WriteXmlElementArray(XmlElement[]? values) => WriteArray(values, static (w, v) => w.WriteXmlElement(v));

    public void WriteNodeIdArray(NodeId[]? values) => WriteArray(values, static (w, v) => w.WriteNodeId(v));

    public void WriteExpandedNodeIdArray(ExpandedNodeId[]? values) => WriteArray(values, static (w, v) => w.WriteExpandedNodeId(v));

    public void WriteStatusCodeArray(StatusCode[]? values) => WriteArray(values, static (w, v) => w.WriteStatusCode(v));

    public void WriteQualifiedNameArray(QualifiedName[]? values) => WriteArray(values, static (w, v) => w.WriteQualifiedName(v));

    public void WriteLocalizedTextArray(LocalizedText[]? values) => WriteArray(values, static (w, v) => w.WriteLocalizedText(v));

    public void WriteExtensionObjectArray(ExtensionObject[]? values) => WriteArray(values, static (w, v) => w.WriteExtensionObject(v));

    public void WriteDataValueArray(DataValue[]? values) => WriteArray(values, static (w, v) => w.WriteDataValue(v));

    public void WriteVariantArray(Variant[]? values) => WriteArray(values, static (w, v) => w.WriteVariant(v));

    public void WriteDiagnosticInfoArray(DiagnosticInfo?[]? values) => WriteArray(values, static (w, v) => w.WriteDiagnosticInfo(v));

    private void WriteArray<T>(T[]? values, Action<UaWriter, T> write)
    {
        if (WriteArrayLength(values))
        {
            foreach (var v in values!)
            {
                write(this, v);
            }
        }
    }

    private bool WriteArrayLength(Array? values)
    {
        WriteInt32(values?.Length ?? -1);
        return values is not null;
    }

    private void WriteArrayOf(BuiltInType type, Array array)
    {
        switch (type)
        {
            case BuiltInType.Boolean: WriteBooleanArray((bool[])array); break;
            case BuiltInType.SByte: WriteSByteArray((sbyte[])array); break;
            case BuiltInType.Byte: WriteByteArray((byte[])array); break;
            case BuiltInType.Int16: WriteInt16Array((short[])array); break;
            case BuiltInType.UInt16: WriteUInt16Array((ushort[])array); break;
            case BuiltInType.Int32: WriteInt32Array((int[])array); break;
            case BuiltInType.UInt32: WriteUInt32Array((uint[])array); break;
            case BuiltInType.Int64: WriteInt64Array((long[])array); break;
            case BuiltInType.UInt64: WriteUInt64Array((ulong[])array); break;
            case BuiltInType.Float: WriteFloatArray((float[])array); break;
            case BuiltInType.Double: WriteDoubleArray((double[])array); break;
            case BuiltInType.String: WriteStringArray((string?[])array); break;
            case BuiltInType.DateTime: WriteDateTimeArray((DateTime[])array); break;
            case BuiltInType.Guid: WriteGuidArray((Guid[])array); break;
            case BuiltInType.ByteString: WriteByteStringArray((byte[]?[])array); break;
            case BuiltInType.XmlElement: WriteXmlElementArray((XmlElement[])array); break;
            case BuiltInType.NodeId: WriteNodeIdArray((NodeId[])array); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeIdArray((ExpandedNodeId[])array); break;
            case BuiltInType.StatusCode: WriteStatusCodeArray((StatusCode[])array); break;
            case BuiltInType.QualifiedName: WriteQualifiedNameArray((QualifiedName[])array); break;
            case BuiltInType.LocalizedText: WriteLocalizedTextArray((LocalizedText[])array); break;
            case BuiltInType.ExtensionObject: WriteExtensionObjectArray((ExtensionObject[])array); break;
            case BuiltInType.DataValue: WriteDataValueArray((DataValue[])array); break;
            case BuiltInType.Variant: WriteVariantArray((Variant[])array); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfoArray((DiagnosticInfo?[])array); break;
            default: throw new UaEncodingException($"Cannot encode an array of {type}.");
        }
    }

    private void WriteScalar(Variant value)
    {
        var bits = value.Bits;
        var r = value.Reference;
        switch (value.Type)
        {
            case BuiltInType.Null: break;
            case BuiltInType.Boolean: WriteBoolean(bits != 0); break;
            case BuiltInType.SByte: WriteSByte((sbyte)bits); break;
            case BuiltInType.Byte: WriteByte((byte)bits); break;
            case BuiltInType.Int16: WriteInt16((short)bits); break;
            case BuiltInType.UInt16: WriteUInt16((ushort)bits); break;
            case BuiltInType.Int32: WriteInt32((int)bits); break;
            case BuiltInType.UInt32: WriteUInt32((uint)bits); break;
            case BuiltInType.Int64: WriteInt64(bits); break;
            case BuiltInType.UInt64: WriteUInt64(unchecked((ulong)bits)); break;
            case BuiltInType.Float: WriteInt32((int)bits); break;
            case BuiltInType.Double: WriteInt64(bits); break;
            case BuiltInType.String: WriteString((string?)r); break;
            case BuiltInType.DateTime: WriteDateTime(new DateTime(bits, DateTimeKind.Utc)); break;
            case BuiltInType.Guid: WriteGuid((Guid)r!); break;
            case BuiltInType.ByteString: WriteByteString((byte[]?)r); break;
            case BuiltInType.XmlElement: WriteXmlElement((XmlElement)r!); break;
            case BuiltInType.NodeId: WriteNodeId((NodeId)r!); break;
            case BuiltInType.ExpandedNodeId: WriteExpandedNodeId((ExpandedNodeId)r!); break;
            case BuiltInType.StatusCode: WriteUInt32((uint)bits); break;
            case BuiltInType.QualifiedName: WriteQualifiedName((QualifiedName)r!); break;
            case BuiltInType.LocalizedText: WriteLocalizedText((LocalizedText)r!); break;
            case BuiltInType.ExtensionObject: WriteExtensionObject((ExtensionObject?)r); break;
            case BuiltInType.DataValue: WriteDataValue((DataValue)r!); break;
            case BuiltInType.DiagnosticInfo: WriteDiagnosticInfo((DiagnosticInfo?)r); break;
            case BuiltInType.Variant: WriteVariant((Variant)r!); break;
            default: throw new UaEncodingException($"Cannot encode a scalar of {value.Type}.");
        }
    }

    private void WriteNodeId(NodeId value, byte flags)
    {
        var ns = value.NamespaceIndex;
        switch (value.IdType)
        {
            case NodeIdType.Numeric:
                var id = value.NumericIdentifier;
                if (ns == 0 && id <= byte.MaxValue)
                {
                    WriteByte(flags);
                    WriteByte((byte)id);
                }
                else if (ns <= byte.MaxValue && id <= ushort.MaxValue)
                {
                    WriteByte((byte)(flags | 1));
                    WriteByte((byte)ns);
                    WriteUInt16((ushort)id);
                }
                else
                {
                    WriteByte((byte)(flags | 2));
                    WriteUInt16(ns);
                    WriteUInt32(id);
                }

                break;
            case NodeIdType.String:
                WriteByte((byte)(flags | 3));
                WriteUInt16(ns);
                WriteString((string)value.Identifier);
                break;
            case NodeIdType.Guid:
                WriteByte((byte)(flags | 4));
                WriteUInt16(ns);
                WriteGuid((Guid)value.Identifier);
                break;
            default:
                WriteByte((byte)(flags | 5));
                WriteUInt16(ns);
                WriteByteString((byte[])value.Identifier);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int count)
    {
        if (_position + count > _buffer.Length)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        var size = Math.Max(_buffer.Length * 2, _position + count);
        Array.Resize(ref _buffer, size);
    }
}
