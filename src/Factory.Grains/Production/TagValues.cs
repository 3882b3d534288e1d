using System.Globalization;

namespace Factory.Grains.Production;

/// <summary>Reads a machine's tag values as numbers: temperatures as they are, other tags parsed ("true" is 1).</summary>
public static class TagValues
{
    public static ImmutableDictionary<string, double> Of(TelemetryView telemetry)
    {
        var values = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in telemetry.Tags)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                values[name] = number;
            }
            else if (bool.TryParse(text, out var flag))
            {
                values[name] = flag ? 1 : 0;
            }
        }

        foreach (var (name, value) in telemetry.Temperatures)
        {
            values[name] = value;
        }

        return values.ToImmutable();
    }
}
