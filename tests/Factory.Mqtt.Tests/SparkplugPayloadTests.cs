using Google.Protobuf;

namespace Factory.Mqtt.Tests;

/// <summary>The payload codec: what it writes it reads back, and hostile bytes give a decoding error within the limits, never a crash.</summary>
public sealed class SparkplugPayloadTests
{
    [Fact]
    public void Every_scalar_type_survives_a_round_trip()
    {
        var payload = EveryScalarType();
        var read = SparkplugPayloadReader.Read(SparkplugPayloadWriter.Write(payload));
        Assert.Equal(payload.Timestamp, read.Timestamp);
        Assert.Equal(payload.Seq, read.Seq);
        Assert.Equal("u-1", read.Uuid);
        Assert.Equal(payload.Metrics, read.Metrics);
        Assert.Equal(-5, read.Metrics[0].Value.As(SparkplugDataType.Int32));
        Assert.Equal((sbyte)-128, read.Metrics[1].Value.As(SparkplugDataType.Int8));
        Assert.Equal(-9_000_000_000L, read.Metrics[2].Value.As(SparkplugDataType.Int64));
        Assert.Equal(18_000_000_000UL, read.Metrics[3].Value.As(SparkplugDataType.UInt64));
        Assert.Equal("Ölmühle ✓", read.Metrics[7].Value.As(SparkplugDataType.String));
        Assert.True(read.Metrics[8].IsNull);
    }

    [Fact]
    public void The_bytes_written_stay_those_edge_nodes_and_hosts_already_exchange()
    {
        // The writer's output pinned (the round trip above says what it means): how the writer lays out its fields may
        // change, the bytes on the wire may not.
        Assert.Equal(
            "08FBD095FFBC31120F0A01611001180A200350FBFFFFFF0F120F0A01621002180B20015080FFFFFF0F12100A016320045880CCBBBCDEFFFFFFFF01" +
            "120F0A01641004180D20085880E8888743120E0A01651005180E2009650000C03F12120A01661006180F200A6900000000000002C0120B0A0167" +
            "10071810200B700112180A016810081811200C7A0DC3966C6DC3BC686C6520E29C93120610091812380118FF012203752D31",
            Convert.ToHexString(SparkplugPayloadWriter.Write(EveryScalarType())));
    }

    [Fact]
    public void The_quality_property_and_skipped_fields_are_read_from_protobuf_written_by_the_library()
    {
        // A metric with metadata, a data set (skipped) and a property set {"Quality": 64, "engUnit": "C"}, written field by field.
        var properties = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("engUnit");
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("Quality");
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(Message(v => { v.WriteTag(1, WireFormat.WireType.Varint); v.WriteUInt32(12); v.WriteTag(8, WireFormat.WireType.LengthDelimited); v.WriteString("C"); }));
            o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(Message(v => { v.WriteTag(1, WireFormat.WireType.Varint); v.WriteUInt32(3); v.WriteTag(3, WireFormat.WireType.Varint); v.WriteUInt32(64); }));
        });
        var metric = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteString("Temp");
            o.WriteTag(4, WireFormat.WireType.Varint); o.WriteUInt32(10);
            o.WriteTag(8, WireFormat.WireType.LengthDelimited); o.WriteBytes(Message(m => { m.WriteTag(2, WireFormat.WireType.LengthDelimited); m.WriteString("text/plain"); }));
            o.WriteTag(9, WireFormat.WireType.LengthDelimited); o.WriteBytes(properties);
            o.WriteTag(13, WireFormat.WireType.Fixed64); o.WriteDouble(21.5);
            o.WriteTag(99, WireFormat.WireType.Fixed32); o.WriteFixed32(7); // an unknown field: skipped
        });
        var payload = Message(o => { o.WriteTag(2, WireFormat.WireType.LengthDelimited); o.WriteBytes(metric); });
        var read = SparkplugPayloadReader.Read(payload.ToByteArray());
        Assert.Equal(64, read.Metrics[0].Quality);
        Assert.Equal(21.5, read.Metrics[0].Value.As(SparkplugDataType.Double));
    }

    [Theory]
    [InlineData(new byte[] { 0x12, 0x05, 0x0A })]                   // a metric whose length runs past the end
    [InlineData(new byte[] { 0x12, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F })] // a 4 GiB length
    [InlineData(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })] // an 11-byte varint
    [InlineData(new byte[] { 0x0B, 0x00 })]                         // a group (wire type 3)
    [InlineData(new byte[] { 0x00 })]                               // field number 0
    [InlineData(new byte[] { 0x0A, 0x01 })]                         // timestamp with the wrong wire type
    public void Broken_payloads_are_refused_with_a_decoding_error(byte[] bytes) =>
        Assert.Throws<SparkplugDecodingException>(() => SparkplugPayloadReader.Read(bytes));

    [Fact]
    public void Payloads_beyond_the_limits_are_refused_before_they_cost_memory()
    {
        var many = new SparkplugPayload();
        for (var i = 0; i < 11; i++)
        {
            many.Metrics.Add(new SparkplugMetric($"m{i}", null, null, SparkplugDataType.Boolean, SparkplugValue.FromBoolean(true)));
        }

        var bytes = SparkplugPayloadWriter.Write(many);
        Assert.Throws<SparkplugDecodingException>(() => SparkplugPayloadReader.Read(bytes, new SparkplugLimits { MaxMetrics = 10 }));
        Assert.Throws<SparkplugDecodingException>(() => SparkplugPayloadReader.Read(bytes, new SparkplugLimits { MaxPayloadBytes = bytes.Length - 1 }));
        var longName = new SparkplugPayload();
        longName.Metrics.Add(new SparkplugMetric(new string('x', 2000), null, null, SparkplugDataType.Boolean, SparkplugValue.FromBoolean(true)));
        Assert.Throws<SparkplugDecodingException>(() => SparkplugPayloadReader.Read(SparkplugPayloadWriter.Write(longName), new SparkplugLimits { MaxStringBytes = 1000 }));
    }

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public void Random_and_mutated_bytes_never_escape_as_anything_but_a_decoding_error(byte[]? random, int position, byte value)
    {
        var sample = new SparkplugPayload { Timestamp = 1, Seq = 2 };
        sample.Metrics.Add(new SparkplugMetric("Status/State", 3, 4, SparkplugDataType.String, SparkplugValue.FromString("Execute")));
        sample.Metrics.Add(new SparkplugMetric("Speed", 5, 6, SparkplugDataType.Double, SparkplugValue.FromDouble(1)));
        var valid = SparkplugPayloadWriter.Write(sample);
        var mutated = (byte[])valid.Clone();
        mutated[(int)((uint)position % mutated.Length)] = value;
        foreach (var input in new[] { random ?? [], mutated, valid[..(int)((uint)position % valid.Length)] })
        {
            try
            {
                SparkplugPayloadReader.Read(input);
            }
            catch (SparkplugDecodingException)
            {
            }
        }
    }

    [Theory]
    [InlineData("spBv1.0/G1/DDATA/N1/D1", "G1", SparkplugMessageType.DData, "N1", "D1")]
    [InlineData("spBv1.0/G1/NBIRTH/N1", "G1", SparkplugMessageType.NBirth, "N1", null)]
    [InlineData("spBv1.0/STATE/host", "", SparkplugMessageType.State, "host", null)]
    public void Topics_parse_and_format_back(string text, string group, SparkplugMessageType type, string node, string? device)
    {
        Assert.True(SparkplugTopic.TryParse(text, out var topic));
        Assert.Equal(new SparkplugTopic(group, type, node, device), topic);
        Assert.Equal(text, topic.ToString());
    }

    [Theory]
    [InlineData("spBv1.0/G1/DDATA/N1")]
    [InlineData("spBv1.0/G1/NDATA/N1/D1")]
    [InlineData("spBv1.0/G1/XDATA/N1")]
    [InlineData("other/G1/NDATA/N1")]
    [InlineData("spBv1.0//NDATA/N1")]
    public void Topics_outside_the_namespace_are_not_read(string text) => Assert.False(SparkplugTopic.TryParse(text, out _));

    [Fact]
    public void The_host_state_is_the_json_of_sparkplug_3()
    {
        var json = new HostState(true, 1668114759262).ToJson();
        Assert.Equal("""{"online":true,"timestamp":1668114759262}""", System.Text.Encoding.UTF8.GetString(json));
        Assert.True(HostState.TryParse(json, out var state));
        Assert.Equal(new HostState(true, 1668114759262), state);
        Assert.False(HostState.TryParse("ONLINE"u8, out _));
    }

    /// <summary>A payload with a metric of every scalar type, aliases and timestamps on some, and a null metric.</summary>
    private static SparkplugPayload EveryScalarType()
    {
        var payload = new SparkplugPayload { Timestamp = 1_700_000_000_123, Seq = 255, Uuid = "u-1" };
        SparkplugValue.TryFromNumber(SparkplugDataType.Int32, -5, out var int32);
        SparkplugValue.TryFromNumber(SparkplugDataType.Int8, -128, out var int8);
        SparkplugValue.TryFromNumber(SparkplugDataType.Int64, -9_000_000_000, out var int64);
        SparkplugValue.TryFromNumber(SparkplugDataType.UInt64, 18_000_000_000, out var uint64);
        payload.Metrics.AddRange(
        [
            new("a", 1, 10, SparkplugDataType.Int32, int32),
            new("b", 2, 11, SparkplugDataType.Int8, int8),
            new("c", null, null, SparkplugDataType.Int64, int64),
            new("d", 4, 13, SparkplugDataType.UInt64, uint64),
            new("e", 5, 14, SparkplugDataType.Float, SparkplugValue.FromFloat(1.5f)),
            new("f", 6, 15, SparkplugDataType.Double, SparkplugValue.FromDouble(-2.25)),
            new("g", 7, 16, SparkplugDataType.Boolean, SparkplugValue.FromBoolean(true)),
            new("h", 8, 17, SparkplugDataType.String, SparkplugValue.FromString("Ölmühle ✓")),
            new(null, 9, 18, SparkplugDataType.Unknown, SparkplugValue.None, IsNull: true),
        ]);
        return payload;
    }

    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(stream.ToArray());
    }
}
