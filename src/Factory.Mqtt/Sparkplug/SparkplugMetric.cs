namespace Factory.Mqtt.Sparkplug;

/// <summary>One metric of a Sparkplug B payload (the fields Factory reads and writes).</summary>
/// <param name="Name">Sent in births (and optionally in data messages); null when only the alias is sent.</param>
/// <param name="Timestamp">Milliseconds since the Unix epoch when the value was acquired, when given.</param>
/// <param name="DataType">Always given in births; data messages may leave it out (<see cref="SparkplugDataType.Unknown"/>).</param>
/// <param name="Quality">The metric's <c>Quality</c> property when present (OPC DA numbering: 192 Good, 0 Bad, 64 Uncertain).</param>
public readonly record struct SparkplugMetric(
    string? Name,
    ulong? Alias,
    ulong? Timestamp,
    SparkplugDataType DataType,
    SparkplugValue Value,
    bool IsNull = false,
    bool IsHistorical = false,
    int? Quality = null);
