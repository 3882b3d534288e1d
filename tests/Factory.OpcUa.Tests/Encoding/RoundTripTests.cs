using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Encoding;

public sealed class RoundTripTests
{
    public static TheoryData<BuiltInType> AllTypes()
    {
        var data = new TheoryData<BuiltInType>();
        for (var t = BuiltInType.Boolean; t <= BuiltInType.DiagnosticInfo; t++)
        {
            data.Add(t);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Scalar_round_trips(BuiltInType type)
    {
        var value = SampleValues.Scalar(type);
        var decoded = RoundTrip(value);
        Assert.Equal(type, decoded.Type);
        Assert.False(decoded.IsArray);
        AssertSameEncoding(value, decoded);
        if (type is not (BuiltInType.ExtensionObject or BuiltInType.DiagnosticInfo))
        {
            Assert.Equal(value, decoded);
        }
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Array_round_trips(BuiltInType type)
    {
        var value = new Variant(type, SampleValues.Array(type, 3));
        var decoded = RoundTrip(value);
        Assert.True(decoded.IsArray);
        Assert.Equal(3, ((Array)decoded.Value!).Length);
        AssertSameEncoding(value, decoded);
    }

    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Matrix_round_trips(BuiltInType type)
    {
        var value = new Variant(type, SampleValues.Array(type, 6), [2, 3]);
        var decoded = RoundTrip(value);
        Assert.Equal(new[] { 2, 3 }, decoded.Dimensions!);
        AssertSameEncoding(value, decoded);
    }

    [Fact]
    public void Known_extension_object_is_decoded_and_unknown_is_kept_as_bytes()
    {
        var known = RoundTrip(new Variant(new ExtensionObject(new EUInformation { DisplayName = new LocalizedText("°C"), UnitId = 4408652 })));
        var eu = Assert.IsType<EUInformation>(((ExtensionObject)known.Value!).Body);
        Assert.Equal("°C", eu.DisplayName.Text);

        var unknown = new Variant(new ExtensionObject(new NodeId(99999u, 7), ExtensionObjectEncoding.Binary, [1, 2, 3]));
        var decoded = (ExtensionObject)RoundTrip(unknown).Value!;
        Assert.Null(decoded.Body);
        Assert.Equal(new byte[] { 1, 2, 3 }, decoded.RawBody);
        Assert.Equal(new NodeId(99999u, 7), decoded.TypeId);
    }

    [Fact]
    public void Service_messages_round_trip()
    {
        var request = new ReadRequest
        {
            RequestHeader = new RequestHeader { AuthenticationToken = new NodeId(Guid.NewGuid(), 1), RequestHandle = 7, TimeoutHint = 5000 },
            MaxAge = 0,
            TimestampsToReturn = TimestampsToReturn.Both,
            NodesToRead = [new ReadValueId { NodeId = new NodeId("A", 2), AttributeId = 13 }],
        };
        var writer = new UaWriter();
        request.Encode(writer);
        var reader = new UaReader(writer.WrittenSpan);
        var decoded = reader.ReadEncodeable<ReadRequest>();
        Assert.Equal(0, reader.Remaining);
        Assert.Equal(TimestampsToReturn.Both, decoded.TimestampsToReturn);
        Assert.Equal(request.RequestHeader.AuthenticationToken, decoded.RequestHeader.AuthenticationToken);
        Assert.Equal(new NodeId("A", 2), decoded.NodesToRead[0].NodeId);
    }

    [Theory]
    [InlineData("i=85")]
    [InlineData("ns=2;s=Line 1.Filler;Speed")]
    [InlineData("ns=1;g=72962b91-fa75-4ae6-8d28-b404dc7daf63")]
    [InlineData("ns=3;b=AQID")]
    [InlineData("ns=300;i=70000")]
    public void NodeId_text_form_round_trips(string text)
    {
        var id = NodeId.Parse(text);
        Assert.Equal(text, id.ToString());
        var writer = new UaWriter();
        writer.WriteNodeId(id);
        var reader = new UaReader(writer.WrittenSpan);
        Assert.Equal(id, reader.ReadNodeId());
    }

    [Theory]
    [InlineData("")]
    [InlineData("ns=x;i=1")]
    [InlineData("q=1")]
    [InlineData("i=-1")]
    public void Malformed_NodeId_text_is_refused(string text) => Assert.False(NodeId.TryParse(text, out _));

    private static Variant RoundTrip(Variant value)
    {
        var writer = new UaWriter();
        writer.WriteVariant(value);
        var reader = new UaReader(writer.WrittenSpan);
        var decoded = reader.ReadVariant();
        Assert.Equal(0, reader.Remaining);
        return decoded;
    }

    private static void AssertSameEncoding(Variant expected, Variant actual)
    {
        var a = new UaWriter();
        a.WriteVariant(expected);
        var b = new UaWriter();
        b.WriteVariant(actual);
        Assert.Equal(a.ToArray(), b.ToArray());
    }
}
