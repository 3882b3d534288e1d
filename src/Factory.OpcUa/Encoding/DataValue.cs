namespace Factory.OpcUa.Encoding;

/// <summary>A value with its status and timestamps, as read or reported by a monitored item; absent timestamps are <see cref="DateTime.MinValue"/>.</summary>
/// <param name="Value">The value.</param>
/// <param name="StatusCode">Its status.</param>
/// <param name="SourceTimestamp">When the source (PLC) sampled the value; MinValue when not sent.</param>
/// <param name="ServerTimestamp">When the server received the value; MinValue when not sent.</param>
/// <param name="SourcePicoseconds">Picoseconds past <paramref name="SourceTimestamp"/>.</param>
/// <param name="ServerPicoseconds">Picoseconds past <paramref name="ServerTimestamp"/>.</param>
public readonly record struct DataValue(
    Variant Value,
    StatusCode StatusCode = default,
    DateTime SourceTimestamp = default,
    DateTime ServerTimestamp = default,
    ushort SourcePicoseconds = 0,
    ushort ServerPicoseconds = 0)
{
    /// <inheritdoc />
    public override string ToString() => $"{Value} [{StatusCode}] {SourceTimestamp:O}";
}
