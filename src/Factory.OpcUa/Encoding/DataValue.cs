namespace Factory.OpcUa.Encoding;

/// <summary>A value with its status and timestamps, as read or reported by a monitored item.</summary>
public readonly struct DataValue : IEquatable<DataValue>
{
    /// <summary>Creates a data value; absent timestamps are <see cref="DateTime.MinValue"/>.</summary>
    public DataValue(
        Variant value,
        StatusCode statusCode = default,
        DateTime sourceTimestamp = default,
        DateTime serverTimestamp = default,
        ushort sourcePicoseconds = 0,
        ushort serverPicoseconds = 0)
    {
        Value = value;
        StatusCode = statusCode;
        SourceTimestamp = sourceTimestamp;
        ServerTimestamp = serverTimestamp;
        SourcePicoseconds = sourcePicoseconds;
        ServerPicoseconds = serverPicoseconds;
    }

    public Variant Value { get; }

    public StatusCode StatusCode { get; }

    /// <summary>When the source (PLC) sampled the value; MinValue when not sent.</summary>
    public DateTime SourceTimestamp { get; }

    /// <summary>When the server received the value; MinValue when not sent.</summary>
    public DateTime ServerTimestamp { get; }

    public ushort SourcePicoseconds { get; }

    public ushort ServerPicoseconds { get; }

    public static bool operator ==(DataValue left, DataValue right) => left.Equals(right);

    public static bool operator !=(DataValue left, DataValue right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(DataValue other) =>
        Value.Equals(other.Value) && StatusCode == other.StatusCode && SourceTimestamp == other.SourceTimestamp
        && ServerTimestamp == other.ServerTimestamp && SourcePicoseconds == other.SourcePicoseconds
        && ServerPicoseconds == other.ServerPicoseconds;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DataValue other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, StatusCode, SourceTimestamp, ServerTimestamp);

    /// <inheritdoc />
    public override string ToString() => $"{Value} [{StatusCode}] {SourceTimestamp:O}";
}
