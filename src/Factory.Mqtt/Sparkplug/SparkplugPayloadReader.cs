namespace Factory.Mqtt.Sparkplug;

/// <summary>
/// Decodes Sparkplug B payloads (the specification's <c>Payload</c> protobuf message) within <see cref="SparkplugLimits"/>.
/// Reads timestamp, seq, uuid and each metric's name, alias, timestamp, datatype, flags, scalar value and
/// <c>Quality</c> property; data sets, templates, bytes and metadata are skipped (their bytes are bounds-checked).
/// Never reads past the input and never allocates more than the limits allow.
/// </summary>
public static class SparkplugPayloadReader
{
    /// <summary>Decodes a payload.</summary>
    /// <exception cref="SparkplugDecodingException">The bytes are not a valid payload, or exceed the limits.</exception>
    public static SparkplugPayload Read(ReadOnlySpan<byte> data, SparkplugLimits? limits = null)
    {
        limits ??= SparkplugLimits.Default;
        if (data.Length > limits.MaxPayloadBytes)
        {
            throw new SparkplugDecodingException($"a payload of {data.Length} bytes is over the limit of {limits.MaxPayloadBytes}");
        }

        var payload = new SparkplugPayload();
        var reader = new ProtobufReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "timestamp");
                    payload.Timestamp = reader.ReadVarint();
                    break;
                case 2:
                    ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "metrics");
                    if (payload.Metrics.Count >= limits.MaxMetrics)
                    {
                        throw new SparkplugDecodingException($"more than {limits.MaxMetrics} metrics in one payload");
                    }

                    payload.Metrics.Add(ReadMetric(reader.ReadBytes(), limits));
                    break;
                case 3:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "seq");
                    payload.Seq = reader.ReadVarint();
                    break;
                case 4:
                    ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "uuid");
                    payload.Uuid = reader.ReadString(limits.MaxStringBytes);
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return payload;
    }

    /// <summary>Decodes a payload from an MQTT message body (one or more segments).</summary>
    public static SparkplugPayload Read(in ReadOnlySequence<byte> data, SparkplugLimits? limits = null)
    {
        limits ??= SparkplugLimits.Default;
        if (data.Length > limits.MaxPayloadBytes)
        {
            throw new SparkplugDecodingException($"a payload of {data.Length} bytes is over the limit of {limits.MaxPayloadBytes}");
        }

        return data.IsSingleSegment ? Read(data.FirstSpan, limits) : Read(data.ToArray(), limits);
    }

    private static SparkplugMetric ReadMetric(ReadOnlySpan<byte> data, SparkplugLimits limits)
    {
        string? name = null;
        ulong? alias = null;
        ulong? timestamp = null;
        var type = SparkplugDataType.Unknown;
        var value = SparkplugValue.None;
        bool isNull = false, historical = false;
        int? quality = null;
        var reader = new ProtobufReader(data);
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "metric.name");
                    name = reader.ReadString(limits.MaxStringBytes);
                    break;
                case 2:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.alias");
                    alias = reader.ReadVarint();
                    break;
                case 3:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.timestamp");
                    timestamp = reader.ReadVarint();
                    break;
                case 4:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.datatype");
                    type = (SparkplugDataType)(uint)reader.ReadVarint();
                    break;
                case 5:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.is_historical");
                    historical = reader.ReadVarint() != 0;
                    break;
                case 7:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.is_null");
                    isNull = reader.ReadVarint() != 0;
                    break;
                case 9:
                    ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "metric.properties");
                    quality = ReadQuality(reader.ReadBytes(), limits) ?? quality;
                    break;
                case 10:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.int_value");
                    value = SparkplugValue.FromInt((uint)reader.ReadVarint());
                    break;
                case 11:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.long_value");
                    value = SparkplugValue.FromLong(reader.ReadVarint());
                    break;
                case 12:
                    ProtobufReader.Expect(wire, ProtobufReader.Fixed32, "metric.float_value");
                    value = SparkplugValue.FromFloat(BitConverter.Int32BitsToSingle((int)reader.ReadFixed32()));
                    break;
                case 13:
                    ProtobufReader.Expect(wire, ProtobufReader.Fixed64, "metric.double_value");
                    value = SparkplugValue.FromDouble(BitConverter.Int64BitsToDouble((long)reader.ReadFixed64()));
                    break;
                case 14:
                    ProtobufReader.Expect(wire, ProtobufReader.Varint, "metric.boolean_value");
                    value = SparkplugValue.FromBoolean(reader.ReadVarint() != 0);
                    break;
                case 15:
                    ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "metric.string_value");
                    value = SparkplugValue.FromString(reader.ReadString(limits.MaxStringBytes));
                    break;
                case 16 or 17 or 18 or 19:
                    reader.Skip(wire);
                    value = SparkplugValue.Unsupported;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        return new SparkplugMetric(name, alias, timestamp, type, isNull ? SparkplugValue.None : value, isNull, historical, quality);
    }

    /// <summary>The <c>Quality</c> property of a metric's property set (parallel lists of keys and values).</summary>
    private static int? ReadQuality(ReadOnlySpan<byte> data, SparkplugLimits limits)
    {
        const int NoNumber = int.MinValue;
        var reader = new ProtobufReader(data);
        int keys = 0, values = 0, qualityIndex = -1;
        Span<int> numbers = stackalloc int[Math.Min(limits.MaxProperties, 256)];
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field is 1 or 2 && (field == 1 ? keys : values) >= limits.MaxProperties)
            {
                throw new SparkplugDecodingException($"more than {limits.MaxProperties} properties on one metric");
            }

            if (field == 1)
            {
                ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "properties.keys");
                var key = reader.ReadBytes();
                if (qualityIndex < 0 && key.SequenceEqual("Quality"u8))
                {
                    qualityIndex = keys;
                }

                keys++;
            }
            else if (field == 2)
            {
                ProtobufReader.Expect(wire, ProtobufReader.LengthDelimited, "properties.values");
                var number = ReadPropertyInteger(reader.ReadBytes());
                if (values < numbers.Length)
                {
                    numbers[values] = number ?? NoNumber;
                }

                values++;
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return qualityIndex >= 0 && qualityIndex < Math.Min(values, numbers.Length) && numbers[qualityIndex] != NoNumber
            ? numbers[qualityIndex]
            : null;
    }

    /// <summary>A property value's integer (int_value or long_value), or null.</summary>
    private static int? ReadPropertyInteger(ReadOnlySpan<byte> data)
    {
        var reader = new ProtobufReader(data);
        int? number = null;
        while (!reader.AtEnd)
        {
            var (field, wire) = reader.ReadTag();
            if (field is 3 or 4 && wire == ProtobufReader.Varint)
            {
                number = unchecked((int)reader.ReadVarint());
            }
            else
            {
                reader.Skip(wire);
            }
        }

        return number;
    }
}
