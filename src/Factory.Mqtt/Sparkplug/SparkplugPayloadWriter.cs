using Google.Protobuf;

namespace Factory.Mqtt.Sparkplug;

/// <summary>Encodes Sparkplug B payloads (births, data, deaths and commands) with Google.Protobuf's <see cref="CodedOutputStream"/>.</summary>
/// <remarks>
/// A payload is laid out once, field by field (<see cref="Payload{TFields}"/>, <see cref="Metric{TFields}"/>), and that
/// layout is gone through twice: first to measure it (the buffer is allocated at its exact size, and each metric's length
/// prefix is known before the metric), then to write it.
/// </remarks>
public static class SparkplugPayloadWriter
{
    public static byte[] Write(SparkplugPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var metricSizes = new int[payload.Metrics.Count];
        var size = new FieldSizes();
        Payload(ref size, payload, metricSizes);
        var buffer = new byte[size.Total];
        var output = new CodedOutputStream(buffer);
        var writer = new FieldWriter(output);
        Payload(ref writer, payload, metricSizes);
        output.Flush();
        return buffer;
    }

    /// <summary>The payload's fields; when measuring, each metric's size is kept in <paramref name="metricSizes"/> for its length prefix.</summary>
    private static void Payload<TFields>(ref TFields fields, SparkplugPayload payload, int[] metricSizes)
        where TFields : struct, IFields
    {
        if (payload.Timestamp is { } timestamp)
        {
            fields.Varint(1, timestamp);
        }

        for (var i = 0; i < payload.Metrics.Count; i++)
        {
            if (fields.Measures)
            {
                var metric = new FieldSizes();
                Metric(ref metric, payload.Metrics[i]);
                metricSizes[i] = metric.Total;
                fields.Message(2, metricSizes[i]);
            }
            else
            {
                fields.Message(2, metricSizes[i]);
                Metric(ref fields, payload.Metrics[i]);
            }
        }

        if (payload.Seq is { } seq)
        {
            fields.Varint(3, seq);
        }

        if (payload.Uuid is { } uuid)
        {
            fields.String(4, uuid);
        }
    }

    private static void Metric<TFields>(ref TFields fields, SparkplugMetric m)
        where TFields : struct, IFields
    {
        if (m.Name is { } name)
        {
            fields.String(1, name);
        }

        if (m.Alias is { } alias)
        {
            fields.Varint(2, alias);
        }

        if (m.Timestamp is { } timestamp)
        {
            fields.Varint(3, timestamp);
        }

        if (m.DataType != SparkplugDataType.Unknown)
        {
            fields.Varint(4, (uint)m.DataType);
        }

        if (m.IsHistorical)
        {
            fields.Varint(5, 1);
        }

        if (m.IsNull || m.Value.Kind == SparkplugValueKind.None)
        {
            fields.Varint(7, 1);
            return;
        }

        switch (m.Value.Kind)
        {
            case SparkplugValueKind.Int:
                fields.Varint(10, (uint)m.Value.RawInteger);
                break;
            case SparkplugValueKind.Long:
                fields.Varint(11, m.Value.RawInteger);
                break;
            case SparkplugValueKind.Float:
                fields.Fixed32(12, BitConverter.SingleToUInt32Bits(m.Value.FloatValue));
                break;
            case SparkplugValueKind.Double:
                fields.Fixed64(13, BitConverter.DoubleToUInt64Bits(m.Value.DoubleValue));
                break;
            case SparkplugValueKind.Boolean:
                fields.Varint(14, m.Value.BooleanValue ? 1UL : 0UL);
                break;
            case SparkplugValueKind.String:
                fields.String(15, m.Value.StringValue ?? "");
                break;
            default:
                throw new ArgumentException("only scalar metric values can be written", nameof(m));
        }
    }

    /// <summary>
    /// What is done with each field of the layout, by its protobuf wire type: Sparkplug's uint32, uint64 and bool fields
    /// are all varints, a float is its 4 bits and a double its 8 (all field numbers are below 16, so every tag is one byte).
    /// </summary>
    private interface IFields
    {
        /// <summary>Whether this pass measures (and so learns the metrics' sizes) rather than writes.</summary>
        bool Measures { get; }

        void Varint(int field, ulong value);

        void Fixed32(int field, uint value);

        void Fixed64(int field, ulong value);

        void String(int field, string value);

        /// <summary>An embedded message of <paramref name="size"/> bytes: measured whole, or its tag and length prefix written (its fields follow).</summary>
        void Message(int field, int size);
    }

    /// <summary>Adds up the bytes each field takes.</summary>
    private struct FieldSizes : IFields
    {
        public int Total { get; private set; }

        public readonly bool Measures => true;

        public void Varint(int field, ulong value) => Total += 1 + CodedOutputStream.ComputeUInt64Size(value);

        public void Fixed32(int field, uint value) => Total += 1 + 4;

        public void Fixed64(int field, ulong value) => Total += 1 + 8;

        public void String(int field, string value) => Total += 1 + CodedOutputStream.ComputeStringSize(value);

        public void Message(int field, int size) => Total += 1 + CodedOutputStream.ComputeLengthSize(size) + size;
    }

    /// <summary>Writes each field to the output: its tag (the field number and its wire type), then its value.</summary>
    private readonly struct FieldWriter(CodedOutputStream output) : IFields
    {
        public bool Measures => false;

        public void Varint(int field, ulong value) => Tagged(field, WireFormat.WireType.Varint).WriteUInt64(value);

        public void Fixed32(int field, uint value) => Tagged(field, WireFormat.WireType.Fixed32).WriteFixed32(value);

        public void Fixed64(int field, ulong value) => Tagged(field, WireFormat.WireType.Fixed64).WriteFixed64(value);

        public void String(int field, string value) => Tagged(field, WireFormat.WireType.LengthDelimited).WriteString(value);

        public void Message(int field, int size) => Tagged(field, WireFormat.WireType.LengthDelimited).WriteLength(size);

        private CodedOutputStream Tagged(int field, WireFormat.WireType type)
        {
            output.WriteTag(field, type);
            return output;
        }
    }
}
