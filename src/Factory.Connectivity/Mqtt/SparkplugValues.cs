using Factory.Mqtt.Sparkplug;
using Factory.OpcUa.Encoding;

namespace Factory.Connectivity.Mqtt;

/// <summary>Sparkplug metric values as the tag values the telemetry batcher reads (the same <see cref="DataValue"/> OPC UA gives).</summary>
internal static class SparkplugValues
{
    private static readonly StatusCode Uncertain = new(0x40000000);
    private static readonly StatusCode Bad = new(0x80000000);

    /// <summary>The metric's value read through the type its birth declared, with its quality and timestamp.</summary>
    public static DataValue ToDataValue(in SparkplugMetric metric, SparkplugDataType declared, DateTime timestamp, DateTime received)
    {
        var type = metric.DataType == SparkplugDataType.Unknown ? declared : metric.DataType;
        var variant = metric.IsNull ? default : ToVariant(metric.Value.As(type));
        var status = metric.IsNull || variant.IsNull ? Bad : metric.Quality switch
        {
            null or >= 192 => StatusCode.Good,
            >= 64 => Uncertain,
            _ => Bad,
        };
        return new DataValue(variant, status, timestamp, received);
    }

    private static Variant ToVariant(object? value) => value switch
    {
        sbyte v => new Variant(v),
        short v => new Variant(v),
        int v => new Variant(v),
        long v => new Variant(v),
        byte v => new Variant(v),
        ushort v => new Variant(v),
        uint v => new Variant(v),
        ulong v => new Variant(v),
        float v => new Variant(v),
        double v => new Variant(v),
        bool v => new Variant(v),
        string v => new Variant(v),
        DateTimeOffset v => new Variant(v.UtcDateTime),
        _ => default,
    };
}
