using System.Collections;
using System.Globalization;

namespace Factory.OpcUa.Encoding;

/// <summary>
/// A value of any built-in type: a scalar, a one-dimensional array, or a matrix (a flattened array with
/// <see cref="Dimensions"/>). Numeric scalars are stored inline without boxing.
/// </summary>
public readonly struct Variant : IEquatable<Variant>
{
    private readonly long _bits;
    private readonly object? _ref;

    private Variant(BuiltInType type, long bits)
    {
        Type = type;
        _bits = bits;
    }

    private Variant(BuiltInType type, object? value, bool isArray, int[]? dimensions)
    {
        Type = type;
        _ref = value;
        IsArray = isArray;
        Dimensions = dimensions;
    }

    public Variant(bool value) : this(BuiltInType.Boolean, value ? 1 : 0) { }

    public Variant(sbyte value) : this(BuiltInType.SByte, value) { }

    public Variant(byte value) : this(BuiltInType.Byte, value) { }

    public Variant(short value) : this(BuiltInType.Int16, value) { }

    public Variant(ushort value) : this(BuiltInType.UInt16, value) { }

    public Variant(int value) : this(BuiltInType.Int32, value) { }

    public Variant(uint value) : this(BuiltInType.UInt32, value) { }

    public Variant(long value) : this(BuiltInType.Int64, value) { }

    public Variant(ulong value) : this(BuiltInType.UInt64, unchecked((long)value)) { }

    public Variant(float value) : this(BuiltInType.Float, BitConverter.SingleToInt32Bits(value)) { }

    public Variant(double value) : this(BuiltInType.Double, BitConverter.DoubleToInt64Bits(value)) { }

    public Variant(DateTime value) : this(BuiltInType.DateTime, value.Ticks) { }

    public Variant(StatusCode value) : this(BuiltInType.StatusCode, value.Code) { }

    public Variant(string? value) : this(BuiltInType.String, value, false, null) { }

    public Variant(Guid value) : this(BuiltInType.Guid, value, false, null) { }

    /// <summary>A ByteString scalar (use the array constructor with <see cref="BuiltInType.Byte"/> for a Byte array).</summary>
    public Variant(byte[]? value) : this(BuiltInType.ByteString, value, false, null) { }

    public Variant(XmlElement value) : this(BuiltInType.XmlElement, value, false, null) { }

    public Variant(NodeId value) : this(BuiltInType.NodeId, value, false, null) { }

    public Variant(ExpandedNodeId value) : this(BuiltInType.ExpandedNodeId, value, false, null) { }

    public Variant(QualifiedName value) : this(BuiltInType.QualifiedName, value, false, null) { }

    public Variant(LocalizedText value) : this(BuiltInType.LocalizedText, value, false, null) { }

    public Variant(ExtensionObject value) : this(BuiltInType.ExtensionObject, value, false, null) { }

    public Variant(DataValue value) : this(BuiltInType.DataValue, value, false, null) { }

    public Variant(DiagnosticInfo? value) : this(BuiltInType.DiagnosticInfo, value, false, null) { }

    /// <summary>A variant that holds another variant as a scalar (some servers send these for BaseDataType values).</summary>
    public static Variant Nested(Variant inner) => new(BuiltInType.Variant, inner, false, null);

    /// <summary>
    /// An array (or matrix when <paramref name="dimensions"/> has rank ≥ 2) of one built-in type. The array must be
    /// the matching .NET element array (e.g. <c>double[]</c>, <c>string?[]</c>, <c>Variant[]</c>); matrices are flattened.
    /// </summary>
    public Variant(BuiltInType elementType, Array array, int[]? dimensions = null)
        : this(elementType, array, true, dimensions)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Rank != 1 || array.GetType().GetElementType() != ElementTypeOf(elementType))
        {
            throw new ArgumentException($"A {elementType} array must be a one-dimensional {ElementTypeOf(elementType)?.Name}[].", nameof(array));
        }

        if (dimensions is not null)
        {
            long product = 1;
            foreach (var d in dimensions)
            {
                product *= d;
            }

            if (dimensions.Length == 0 || product != array.Length || dimensions.Any(d => d < 0))
            {
                throw new ArgumentException("The dimensions do not match the array length.", nameof(dimensions));
            }
        }
    }

    /// <summary>The null variant.</summary>
    public static Variant Null => default;

    public BuiltInType Type { get; }

    public bool IsArray { get; }

    /// <summary>The dimensions of a matrix (rank ≥ 2) or null for scalars and plain arrays.</summary>
    public int[]? Dimensions { get; }

    public bool IsNull => Type == BuiltInType.Null;

    /// <summary>The value as an object (boxes numeric scalars); arrays are the flattened typed array.</summary>
    public object? Value => IsArray ? _ref : Type switch
    {
        BuiltInType.Null => null,
        BuiltInType.Boolean => _bits != 0,
        BuiltInType.SByte => (sbyte)_bits,
        BuiltInType.Byte => (byte)_bits,
        BuiltInType.Int16 => (short)_bits,
        BuiltInType.UInt16 => (ushort)_bits,
        BuiltInType.Int32 => (int)_bits,
        BuiltInType.UInt32 => (uint)_bits,
        BuiltInType.Int64 => _bits,
        BuiltInType.UInt64 => unchecked((ulong)_bits),
        BuiltInType.Float => BitConverter.Int32BitsToSingle((int)_bits),
        BuiltInType.Double => BitConverter.Int64BitsToDouble(_bits),
        BuiltInType.DateTime => new DateTime(_bits, DateTimeKind.Utc),
        BuiltInType.StatusCode => new StatusCode((uint)_bits),
        _ => _ref,
    };

    /// <summary>The raw inline bits of a numeric scalar (used by the encoder to avoid boxing).</summary>
    internal long Bits => _bits;

    /// <summary>The reference payload (strings, arrays, structures).</summary>
    internal object? Reference => _ref;

    /// <summary>A numeric scalar as a double without boxing; false for non-numeric values.</summary>
    public bool TryGetDouble(out double value)
    {
        value = 0;
        if (IsArray)
        {
            return false;
        }

        switch (Type)
        {
            case BuiltInType.Boolean:
            case BuiltInType.SByte:
            case BuiltInType.Byte:
            case BuiltInType.Int16:
            case BuiltInType.UInt16:
            case BuiltInType.Int32:
            case BuiltInType.UInt32:
            case BuiltInType.Int64:
                value = _bits;
                return true;
            case BuiltInType.UInt64:
                value = unchecked((ulong)_bits);
                return true;
            case BuiltInType.Float:
                value = BitConverter.Int32BitsToSingle((int)_bits);
                return true;
            case BuiltInType.Double:
                value = BitConverter.Int64BitsToDouble(_bits);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Wraps a .NET value (scalar or one-dimensional array) in a variant of the matching built-in type.</summary>
    public static Variant FromObject(object? value) => value switch
    {
        null => Null,
        Variant v => v,
        bool b => new Variant(b),
        sbyte b => new Variant(b),
        byte b => new Variant(b),
        short b => new Variant(b),
        ushort b => new Variant(b),
        int b => new Variant(b),
        uint b => new Variant(b),
        long b => new Variant(b),
        ulong b => new Variant(b),
        float b => new Variant(b),
        double b => new Variant(b),
        string b => new Variant(b),
        DateTime b => new Variant(b),
        Guid b => new Variant(b),
        byte[] b => new Variant(b),
        XmlElement b => new Variant(b),
        NodeId b => new Variant(b),
        ExpandedNodeId b => new Variant(b),
        StatusCode b => new Variant(b),
        QualifiedName b => new Variant(b),
        LocalizedText b => new Variant(b),
        ExtensionObject b => new Variant(b),
        IEncodeable b => new Variant(new ExtensionObject(b)),
        DataValue b => new Variant(b),
        DiagnosticInfo b => new Variant(b),
        Array a when a.Rank == 1 && BuiltInTypeOf(a.GetType().GetElementType()!) is { } t => new Variant(t, a),
        _ => throw new ArgumentException($"{value.GetType().Name} has no OPC UA built-in type.", nameof(value)),
    };

    /// <summary>The .NET element type used for arrays of a built-in type.</summary>
    public static Type? ElementTypeOf(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => typeof(bool),
        BuiltInType.SByte => typeof(sbyte),
        BuiltInType.Byte => typeof(byte),
        BuiltInType.Int16 => typeof(short),
        BuiltInType.UInt16 => typeof(ushort),
        BuiltInType.Int32 => typeof(int),
        BuiltInType.UInt32 => typeof(uint),
        BuiltInType.Int64 => typeof(long),
        BuiltInType.UInt64 => typeof(ulong),
        BuiltInType.Float => typeof(float),
        BuiltInType.Double => typeof(double),
        BuiltInType.String => typeof(string),
        BuiltInType.DateTime => typeof(DateTime),
        BuiltInType.Guid => typeof(Guid),
        BuiltInType.ByteString => typeof(byte[]),
        BuiltInType.XmlElement => typeof(XmlElement),
        BuiltInType.NodeId => typeof(NodeId),
        BuiltInType.ExpandedNodeId => typeof(ExpandedNodeId),
        BuiltInType.StatusCode => typeof(StatusCode),
        BuiltInType.QualifiedName => typeof(QualifiedName),
        BuiltInType.LocalizedText => typeof(LocalizedText),
        BuiltInType.ExtensionObject => typeof(ExtensionObject),
        BuiltInType.DataValue => typeof(DataValue),
        BuiltInType.Variant => typeof(Variant),
        BuiltInType.DiagnosticInfo => typeof(DiagnosticInfo),
        _ => null,
    };

    private static BuiltInType? BuiltInTypeOf(Type elementType)
    {
        for (var t = BuiltInType.Boolean; t <= BuiltInType.DiagnosticInfo; t++)
        {
            if (ElementTypeOf(t) == elementType)
            {
                return t;
            }
        }

        return null;
    }

    public static bool operator ==(Variant left, Variant right) => left.Equals(right);

    public static bool operator !=(Variant left, Variant right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(Variant other)
    {
        if (Type != other.Type || IsArray != other.IsArray || _bits != other._bits)
        {
            return false;
        }

        if (!StructuralComparisons.StructuralEqualityComparer.Equals(Dimensions, other.Dimensions))
        {
            return false;
        }

        return StructuralComparisons.StructuralEqualityComparer.Equals(_ref, other._ref);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Variant other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Type, IsArray, _bits);

    /// <inheritdoc />
    public override string ToString() => IsArray
        ? string.Create(CultureInfo.InvariantCulture, $"{Type}[{((Array)_ref!).Length}]")
        : Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "null";
}
