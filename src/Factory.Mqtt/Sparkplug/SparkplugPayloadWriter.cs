using Google.Protobuf;

namespace Factory.Mqtt.Sparkplug;

/// <summary>Encodes Sparkplug B payloads (births, data, deaths and commands) with Google.Protobuf's <see cref="CodedOutputStream"/>.</summary>
public static class SparkplugPayloadWriter
{
    public static byte[] Write(SparkplugPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var size = 0;
        if (payload.Timestamp is { } timestamp)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(timestamp);
        }

        var metricSizes = new int[payload.Metrics.Count];
        for (var i = 0; i < payload.Metrics.Count; i++)
        {
            metricSizes[i] = MetricSize(payload.Metrics[i]);
            size += 1 + CodedOutputStream.ComputeLengthSize(metricSizes[i]) + metricSizes[i];
        }

        if (payload.Seq is { } seq)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(seq);
        }

        if (payload.Uuid is { } uuid)
        {
            size += 1 + CodedOutputStream.ComputeStringSize(uuid);
        }

        var buffer = new byte[size];
        var output = new CodedOutputStream(buffer);
        if (payload.Timestamp is { } t)
        {
            output.WriteTag(1, WireFormat.WireType.Varint);
            output.WriteUInt64(t);
        }

        for (var i = 0; i < payload.Metrics.Count; i++)
        {
            output.WriteTag(2, WireFormat.WireType.LengthDelimited);
            output.WriteLength(metricSizes[i]);
            WriteMetric(output, payload.Metrics[i]);
        }

        if (payload.Seq is { } s)
        {
            output.WriteTag(3, WireFormat.WireType.Varint);
            output.WriteUInt64(s);
        }

        if (payload.Uuid is { } u)
        {
            output.WriteTag(4, WireFormat.WireType.LengthDelimited);
            output.WriteString(u);
        }

        output.Flush();
        return buffer;
    }

    private static int MetricSize(SparkplugMetric m)
    {
        var size = 0;
        if (m.Name is { } name)
        {
            size += 1 + CodedOutputStream.ComputeStringSize(name);
        }

        if (m.Alias is { } alias)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(alias);
        }

        if (m.Timestamp is { } timestamp)
        {
            size += 1 + CodedOutputStream.ComputeUInt64Size(timestamp);
        }

        if (m.DataType != SparkplugDataType.Unknown)
        {
            size += 1 + CodedOutputStream.ComputeUInt32Size((uint)m.DataType);
        }

        if (m.IsHistorical)
        {
            size += 2;
        }

        if (m.IsNull || m.Value.Kind == SparkplugValueKind.None)
        {
            return size + 2;
        }

        return size + m.Value.Kind switch
        {
            SparkplugValueKind.Int => 1 + CodedOutputStream.ComputeUInt32Size((uint)m.Value.RawInteger),
            SparkplugValueKind.Long => 1 + CodedOutputStream.ComputeUInt64Size(m.Value.RawInteger),
            SparkplugValueKind.Float => 1 + 4,
            SparkplugValueKind.Double => 1 + 8,
            SparkplugValueKind.Boolean => 1 + 1,
            SparkplugValueKind.String => 1 + CodedOutputStream.ComputeStringSize(m.Value.StringValue ?? ""),
            _ => throw new ArgumentException("only scalar metric values can be written", nameof(m)),
        };
    }

    private static void WriteMetric(CodedOutputStream output, SparkplugMetric m)
    {
        if (m.Name is { } name)
        {
            output.WriteTag(1, WireFormat.WireType.LengthDelimited);
            output.WriteString(name);
        }

        if (m.Alias is { } alias)
        {
            output.WriteTag(2, WireFormat.WireType.Varint);
            output.WriteUInt64(alias);
        }

        if (m.Timestamp is { } timestamp)
        {
            output.WriteTag(3, WireFormat.WireType.Varint);
            output.WriteUInt64(timestamp);
        }

        if (m.DataType != SparkplugDataType.Unknown)
        {
            output.WriteTag(4, WireFormat.WireType.Varint);
            output.WriteUInt32((uint)m.DataType);
        }

        if (m.IsHistorical)
        {
            output.WriteTag(5, WireFormat.WireType.Varint);
            output.WriteBool(true);
        }

        if (m.IsNull || m.Value.Kind == SparkplugValueKind.None)
        {
            output.WriteTag(7, WireFormat.WireType.Varint);
            output.WriteBool(true);
            return;
        }

        switch (m.Value.Kind)
        {
            case SparkplugValueKind.Int:
                output.WriteTag(10, WireFormat.WireType.Varint);
                output.WriteUInt32((uint)m.Value.RawInteger);
                break;
            case SparkplugValueKind.Long:
                output.WriteTag(11, WireFormat.WireType.Varint);
                output.WriteUInt64(m.Value.RawInteger);
                break;
            case SparkplugValueKind.Float:
                output.WriteTag(12, WireFormat.WireType.Fixed32);
                output.WriteFloat(m.Value.FloatValue);
                break;
            case SparkplugValueKind.Double:
                output.WriteTag(13, WireFormat.WireType.Fixed64);
                output.WriteDouble(m.Value.DoubleValue);
                break;
            case SparkplugValueKind.Boolean:
                output.WriteTag(14, WireFormat.WireType.Varint);
                output.WriteBool(m.Value.BooleanValue);
                break;
            case SparkplugValueKind.String:
                output.WriteTag(15, WireFormat.WireType.LengthDelimited);
                output.WriteString(m.Value.StringValue ?? "");
                break;
        }
    }
}
