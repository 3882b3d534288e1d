using System.Globalization;

namespace Factory.Mqtt.Sparkplug;

/// <summary>A metric value as it came off the wire: the oneof field it used and its bits, read through a data type.</summary>
public readonly struct SparkplugValue : IEquatable<SparkplugValue>
{
    private readonly ulong _bits;
    private readonly string? _text;

    private SparkplugValue(SparkplugValueKind kind, ulong bits, string? text = null)
    {
        Kind = kind;
        _bits = bits;
        _text = text;
    }

    public SparkplugValueKind Kind { get; }

    public static SparkplugValue None => default;

    public static SparkplugValue Unsupported => new(SparkplugValueKind.Unsupported, 0);

    public static SparkplugValue FromInt(uint raw) => new(SparkplugValueKind.Int, raw);

    public static SparkplugValue FromLong(ulong raw) => new(SparkplugValueKind.Long, raw);

    public static SparkplugValue FromFloat(float value) => new(SparkplugValueKind.Float, (uint)BitConverter.SingleToInt32Bits(value));

    public static SparkplugValue FromDouble(double value) => new(SparkplugValueKind.Double, (ulong)BitConverter.DoubleToInt64Bits(value));

    public static SparkplugValue FromBoolean(bool value) => new(SparkplugValueKind.Boolean, value ? 1u : 0u);

    public static SparkplugValue FromString(string value) => new(SparkplugValueKind.String, 0, value);

    /// <summary>A number as a value of <paramref name="type"/>; false when the type holds no number or the number does not fit.</summary>
    public static bool TryFromNumber(SparkplugDataType type, double number, out SparkplugValue value)
    {
        value = default;
        if (double.IsNaN(number))
        {
            return false;
        }

        var whole = Math.Round(number);
        bool Fits(double min, double max) => whole >= min && whole <= max;
        switch (type)
        {
            case SparkplugDataType.Int8 when Fits(sbyte.MinValue, sbyte.MaxValue):
            case SparkplugDataType.Int16 when Fits(short.MinValue, short.MaxValue):
            case SparkplugDataType.Int32 when Fits(int.MinValue, int.MaxValue):
                value = FromInt(unchecked((uint)(int)whole));
                return true;
            case SparkplugDataType.UInt8 when Fits(0, byte.MaxValue):
            case SparkplugDataType.UInt16 when Fits(0, ushort.MaxValue):
            case SparkplugDataType.UInt32 when Fits(0, uint.MaxValue):
                value = FromInt((uint)whole);
                return true;
            case SparkplugDataType.Int64 when Fits(long.MinValue, long.MaxValue):
                value = FromLong(unchecked((ulong)(long)whole));
                return true;
            case SparkplugDataType.UInt64 when Fits(0, ulong.MaxValue):
                value = FromLong((ulong)whole);
                return true;
            case SparkplugDataType.Float:
                value = FromFloat((float)number);
                return true;
            case SparkplugDataType.Double:
                value = FromDouble(number);
                return true;
            case SparkplugDataType.Boolean:
                value = FromBoolean(number != 0);
                return true;
            case SparkplugDataType.String or SparkplugDataType.Text:
                value = FromString(number.ToString(CultureInfo.InvariantCulture));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The raw integer bits (int_value or long_value).</summary>
    public ulong RawInteger => _bits;

    public float FloatValue => BitConverter.Int32BitsToSingle((int)(uint)_bits);

    public double DoubleValue => BitConverter.Int64BitsToDouble((long)_bits);

    public bool BooleanValue => _bits != 0;

    public string? StringValue => _text;

    /// <summary>
    /// The value as a .NET object of the data type's natural type (sbyte/short/int/long, byte/ushort/uint/ulong, float,
    /// double, bool, string, DateTimeOffset), or null when it has none or does not fit the type.
    /// </summary>
    public object? As(SparkplugDataType type) => (type, Kind) switch
    {
        (SparkplugDataType.Int8, SparkplugValueKind.Int or SparkplugValueKind.Long) => (sbyte)_bits,
        (SparkplugDataType.Int16, SparkplugValueKind.Int or SparkplugValueKind.Long) => (short)_bits,
        (SparkplugDataType.Int32, SparkplugValueKind.Int or SparkplugValueKind.Long) => (int)_bits,
        (SparkplugDataType.Int64, SparkplugValueKind.Int or SparkplugValueKind.Long) => (long)_bits,
        (SparkplugDataType.UInt8, SparkplugValueKind.Int or SparkplugValueKind.Long) => (byte)_bits,
        (SparkplugDataType.UInt16, SparkplugValueKind.Int or SparkplugValueKind.Long) => (ushort)_bits,
        (SparkplugDataType.UInt32, SparkplugValueKind.Int or SparkplugValueKind.Long) => (uint)_bits,
        (SparkplugDataType.UInt64, SparkplugValueKind.Int or SparkplugValueKind.Long) => _bits,
        (SparkplugDataType.DateTime, SparkplugValueKind.Long) when _bits <= 253402300799999 => DateTimeOffset.FromUnixTimeMilliseconds((long)_bits),
        (_, SparkplugValueKind.Float) => FloatValue,
        (_, SparkplugValueKind.Double) => DoubleValue,
        (_, SparkplugValueKind.Boolean) => BooleanValue,
        (_, SparkplugValueKind.String) => _text,
        // A data message may omit the type: read the field as what it is.
        (SparkplugDataType.Unknown, SparkplugValueKind.Int) => (uint)_bits,
        (SparkplugDataType.Unknown, SparkplugValueKind.Long) => _bits,
        _ => null,
    };

    public bool Equals(SparkplugValue other) => Kind == other.Kind && _bits == other._bits && string.Equals(_text, other._text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is SparkplugValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _bits, _text);

    public static bool operator ==(SparkplugValue left, SparkplugValue right) => left.Equals(right);

    public static bool operator !=(SparkplugValue left, SparkplugValue right) => !left.Equals(right);

    public override string ToString() => Kind switch
    {
        SparkplugValueKind.None => "null",
        SparkplugValueKind.String => _text ?? "",
        SparkplugValueKind.Float => FloatValue.ToString(CultureInfo.InvariantCulture),
        SparkplugValueKind.Double => DoubleValue.ToString(CultureInfo.InvariantCulture),
        SparkplugValueKind.Boolean => BooleanValue ? "true" : "false",
        SparkplugValueKind.Unsupported => "(unsupported)",
        _ => _bits.ToString(CultureInfo.InvariantCulture),
    };
}
