using System.Globalization;

namespace Factory.Grains.Production;

/// <summary>Reads a machine's tag values as numbers: temperatures and numeric tags as they are, text tags parsed ("true" is 1).</summary>
public static class TagValues
{
    public static ImmutableDictionary<string, double> Of(TelemetryView telemetry)
    {
        var values = ImmutableDictionary.CreateBuilder<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, text) in telemetry.Tags)
        {
            if (Parse(text) is { } number)
            {
                values[name] = number;
            }
        }

        foreach (var (name, value) in telemetry.Numbers)
        {
            values[name] = value;
        }

        foreach (var (name, value) in telemetry.Temperatures)
        {
            values[name] = value;
        }

        return values.ToImmutable();
    }

    /// <summary>A tag's text as a number ("true" is 1, "false" 0), or null when it is neither.</summary>
    public static double? Parse(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? number
        : bool.TryParse(text, out var flag) ? (flag ? 1 : 0)
        : null;
}
