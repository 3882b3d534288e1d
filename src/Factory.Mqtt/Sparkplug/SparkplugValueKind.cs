namespace Factory.Mqtt.Sparkplug;

/// <summary>Which field of the metric's <c>value</c> oneof carried the value.</summary>
public enum SparkplugValueKind : byte
{
    /// <summary>No value field (or <c>is_null</c>).</summary>
    None,

    /// <summary><c>int_value</c> (uint32 on the wire; Int8/16/32 as two's complement).</summary>
    Int,

    /// <summary><c>long_value</c> (uint64 on the wire; Int64 as two's complement, DateTime as epoch milliseconds).</summary>
    Long,
    Float,
    Double,
    Boolean,
    String,

    /// <summary>Bytes, a data set, a template or an extension: carried, but not a value Factory reads.</summary>
    Unsupported,
}
