using System.Globalization;
using Factory.OpcUa.Encoding;

namespace Factory.Cli.OpcUa;

/// <summary>Turns command-line text into a variant of the node's built-in type.</summary>
internal static class ValueParser
{
    public static Variant Parse(string text, BuiltInType type)
    {
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            BuiltInType.Boolean => new Variant(bool.Parse(text)),
            BuiltInType.SByte => new Variant(sbyte.Parse(text, c)),
            BuiltInType.Byte => new Variant(byte.Parse(text, c)),
            BuiltInType.Int16 => new Variant(short.Parse(text, c)),
            BuiltInType.UInt16 => new Variant(ushort.Parse(text, c)),
            BuiltInType.Int32 => new Variant(int.Parse(text, c)),
            BuiltInType.UInt32 => new Variant(uint.Parse(text, c)),
            BuiltInType.Int64 => new Variant(long.Parse(text, c)),
            BuiltInType.UInt64 => new Variant(ulong.Parse(text, c)),
            BuiltInType.Float => new Variant(float.Parse(text, c)),
            BuiltInType.Double => new Variant(double.Parse(text, c)),
            BuiltInType.String => new Variant(text),
            BuiltInType.DateTime => new Variant(DateTime.Parse(text, c, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)),
            BuiltInType.Guid => new Variant(Guid.Parse(text)),
            BuiltInType.ByteString => new Variant(Convert.FromBase64String(text)),
            BuiltInType.NodeId => new Variant(NodeId.Parse(text)),
            BuiltInType.LocalizedText => new Variant(new LocalizedText(text)),
            BuiltInType.QualifiedName => new Variant(QualifiedName.Parse(text)),
            _ => throw new FormatException($"Writing {type} values from the command line is not supported."),
        };
    }
}
