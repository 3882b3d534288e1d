using Factory.OpcUa.Encoding;

namespace Factory.Connectivity;

/// <summary>Reads PackML states and unit modes out of tag values, by name or through a per-source number table.</summary>
public static class PackMlValues
{
    /// <summary>
    /// The state a value stands for through the machine's table (a name or a number), or why it stands for none: an
    /// unknown number or name is not guessed.
    /// </summary>
    public static PlcStateReading State(Variant value, MachineTagMap map)
    {
        var table = map.StateTable ?? PlcStateTable.PackTags;
        if (value.Value is string name)
        {
            return table.Read(name);
        }

        return TryInteger(value, out var number)
            ? table.Read(number)
            : PlcStateReading.Unknown($"state value '{value.Value}' is neither a name nor a whole number");
    }

    /// <summary>The unit mode a value stands for (PackML numbering or name), or null.</summary>
    public static UnitMode? Mode(Variant value)
    {
        if (value.Value is string name)
        {
            return Enum.TryParse<UnitMode>(name.Trim(), ignoreCase: true, out var byName) && Enum.IsDefined(byName) && !name.Any(char.IsDigit) ? byName : null;
        }

        return TryInteger(value, out var number) && number is >= 1 and <= 3 ? (UnitMode)number : null;
    }

    /// <summary>The value as a number, when it is one.</summary>
    public static bool TryNumber(Variant value, out double number)
    {
        switch (value.Value)
        {
            case bool b:
                number = b ? 1 : 0;
                return true;
            case sbyte or byte or short or ushort or int or uint or long or ulong or float or double:
                number = Convert.ToDouble(value.Value, System.Globalization.CultureInfo.InvariantCulture);
                return !double.IsNaN(number);
            default:
                number = 0;
                return false;
        }
    }

    private static bool TryInteger(Variant value, out int number)
    {
        if (TryNumber(value, out var d) && d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue)
        {
            number = (int)d;
            return true;
        }

        number = 0;
        return false;
    }
}
