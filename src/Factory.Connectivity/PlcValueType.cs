using System.Globalization;
using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>Values written in the type a PLC's tag already holds (a PLC refuses a write of another type).</summary>
public static class PlcValueType
{
    /// <summary>
    /// <paramref name="value"/> (a number or text) as a variant of <paramref name="current"/>'s type; null when it does not fit
    /// (a number out of the tag's range, text for a numeric tag). A tag holding nothing yet gets text as String and a number
    /// as Int32.
    /// </summary>
    public static Variant? Like(Variant current, object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        if (current.Value is null or string)
        {
            return current.Value is null && value is long or int && long.TryParse(text, CultureInfo.InvariantCulture, out var n) && n is >= int.MinValue and <= int.MaxValue
                ? new Variant((int)n)
                : new Variant(text);
        }

        if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        try
        {
            return current.Value switch
            {
                sbyte => new Variant(checked((sbyte)number)),
                byte => new Variant(checked((byte)number)),
                short => new Variant(checked((short)number)),
                ushort => new Variant(checked((ushort)number)),
                int => new Variant(checked((int)number)),
                uint => new Variant(checked((uint)number)),
                long => new Variant(checked((long)number)),
                ulong => new Variant(checked((ulong)number)),
                float => new Variant((float)number),
                double => new Variant((double)number),
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
