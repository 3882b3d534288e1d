using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Tests.Encoding;

/// <summary>One representative scalar and array per built-in type, used by the round-trip tests.</summary>
internal static class SampleValues
{
    private static readonly DateTime s_time = new(2024, 5, 17, 8, 30, 15, 123, DateTimeKind.Utc);

    public static Variant Scalar(BuiltInType type) => type switch
    {
        BuiltInType.Boolean => new Variant(true),
        BuiltInType.SByte => new Variant((sbyte)-5),
        BuiltInType.Byte => new Variant((byte)200),
        BuiltInType.Int16 => new Variant((short)-30000),
        BuiltInType.UInt16 => new Variant((ushort)60000),
        BuiltInType.Int32 => new Variant(-2_000_000_000),
        BuiltInType.UInt32 => new Variant(4_000_000_000u),
        BuiltInType.Int64 => new Variant(long.MinValue + 1),
        BuiltInType.UInt64 => new Variant(ulong.MaxValue - 1),
        BuiltInType.Float => new Variant(3.25f),
        BuiltInType.Double => new Variant(-1.0e300),
        BuiltInType.String => new Variant("Füllstand 水"),
        BuiltInType.DateTime => new Variant(s_time),
        BuiltInType.Guid => new Variant(Guid.Parse("72962B91-FA75-4AE6-8D28-B404DC7DAF63")),
        BuiltInType.ByteString => new Variant(new byte[] { 1, 2, 3, 0, 255 }),
        BuiltInType.XmlElement => new Variant(new XmlElement("<a>1</a>")),
        BuiltInType.NodeId => new Variant(new NodeId("Line1.Filler", 2)),
        BuiltInType.ExpandedNodeId => new Variant(new ExpandedNodeId(new NodeId(1234u, 0), "urn:plant", 3)),
        BuiltInType.StatusCode => new Variant(new StatusCode(StatusCodes.BadNodeIdUnknown)),
        BuiltInType.QualifiedName => new Variant(new QualifiedName(3, "Speed")),
        BuiltInType.LocalizedText => new Variant(new LocalizedText("en-US", "Speed")),
        BuiltInType.ExtensionObject => new Variant(new ExtensionObject(new Services.Range { Low = 0, High = 100 })),
        BuiltInType.DataValue => new Variant(new DataValue(new Variant(42.5), StatusCodes.UncertainLastUsableValue, s_time, s_time.AddSeconds(1), 10, 20)),
        BuiltInType.DiagnosticInfo => new Variant(new DiagnosticInfo { SymbolicId = 1, AdditionalInfo = "x", InnerDiagnosticInfo = new DiagnosticInfo { InnerStatusCode = StatusCodes.BadTimeout } }),
        BuiltInType.Variant => Variant.Nested(new Variant(7)),
        _ => Variant.Null,
    };

    public static Array Array(BuiltInType type, int count)
    {
        if (type == BuiltInType.Variant)
        {
            return Enumerable.Range(0, count).Select(i => i % 2 == 0 ? new Variant(i) : new Variant($"v{i}")).ToArray();
        }

        var elementType = Variant.ElementTypeOf(type)!;
        var array = System.Array.CreateInstance(elementType, count);
        var sample = Scalar(type).Value;
        for (var i = 0; i < count; i++)
        {
            array.SetValue(sample, i);
        }

        return array;
    }
}
