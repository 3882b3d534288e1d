using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Tests.Encoding;

/// <summary>Byte vectors from the examples of OPC 10000-6 §5.2.2 (NodeId, String, Guid, Variant).</summary>
public sealed class GoldenVectorTests
{
    [Theory]
    [InlineData("i=72", "00 48")]
    [InlineData("ns=5;i=1025", "01 05 01 04")]
    [InlineData("ns=1;s=Hot水", "03 01 00 06 00 00 00 48 6F 74 E6 B0 B4")]
    [InlineData("ns=4;g=09087e75-8e5e-499b-954f-f2a9603db28a", "04 04 00 75 7E 08 09 5E 8E 9B 49 95 4F F2 A9 60 3D B2 8A")]
    [InlineData("ns=1;i=70000", "02 01 00 70 11 01 00")]
    public void NodeId_matches_the_spec(string text, string hex)
    {
        var writer = new UaWriter();
        writer.WriteNodeId(NodeId.Parse(text));
        Assert.Equal(Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal)), writer.ToArray());
        var reader = new UaReader(writer.WrittenSpan);
        Assert.Equal(NodeId.Parse(text), reader.ReadNodeId());
    }

    [Fact]
    public void String_is_length_prefixed_utf8()
    {
        var writer = new UaWriter();
        writer.WriteString("水Boy");
        Assert.Equal(Convert.FromHexString("06000000E6B0B4426F79"), writer.ToArray());
        writer.Reset();
        writer.WriteString(null);
        Assert.Equal(Convert.FromHexString("FFFFFFFF"), writer.ToArray());
    }

    [Fact]
    public void Guid_uses_the_mixed_endian_layout()
    {
        var writer = new UaWriter();
        writer.WriteGuid(Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63"));
        Assert.Equal(Convert.FromHexString("912B967275FAE64A8D28B404DC7DAF63"), writer.ToArray());
    }

    [Fact]
    public void DateTime_counts_100ns_ticks_from_1601()
    {
        var writer = new UaWriter();
        writer.WriteDateTime(new DateTime(1601, 1, 1, 0, 0, 1, DateTimeKind.Utc));
        Assert.Equal(Convert.FromHexString("8096980000000000"), writer.ToArray());
    }

    [Fact]
    public void Int32_matrix_variant_has_array_and_dimension_bits()
    {
        var writer = new UaWriter();
        writer.WriteVariant(new Variant(BuiltInType.Int32, new[] { 1, 2, 3, 4 }, [2, 2]));
        Assert.Equal(
            Convert.FromHexString("C6" + "04000000" + "01000000" + "02000000" + "03000000" + "04000000" + "02000000" + "02000000" + "02000000"),
            writer.ToArray());
    }

    [Fact]
    public void DataValue_mask_orders_source_picoseconds_before_server_timestamp()
    {
        var time = new DateTime(1601, 1, 1, 0, 0, 1, DateTimeKind.Utc);
        var writer = new UaWriter();
        writer.WriteDataValue(new DataValue(new Variant(true), default, time, time, 1, 2));
        Assert.Equal(Convert.FromHexString("3D" + "0101" + "8096980000000000" + "0100" + "8096980000000000" + "0200"), writer.ToArray());
    }

    [Fact]
    public void StatusCode_names_come_from_the_table()
    {
        Assert.Equal("BadNodeIdUnknown", new StatusCode(0x80340000).Name);
        Assert.Equal("Good", StatusCode.Good.Name);
        Assert.True(new StatusCode(StatusCodes.UncertainLastUsableValue).IsUncertain);
    }
}
