using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Factory.Host.Api;

/// <summary>
/// Reads a JSON number (or a numeric string, as the web defaults allow) as a finite double and refuses the rest:
/// "NaN", "Infinity" and 1e400 (which parses as infinity) were taken as numbers, ran the command, and then failed the
/// audit's serialization with a 500 (#11, finding 4). A refused number is a 400 before the handler runs.
/// </summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.TokenType switch
        {
            JsonTokenType.Number when reader.TryGetDouble(out var number) => number,
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new JsonException("expected a finite number"),
        };
        return double.IsFinite(value) ? value : throw new JsonException($"numbers must be finite (got {(reader.TokenType == JsonTokenType.String ? reader.GetString() : "a value out of range")})");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        // Answers never carry NaN or infinity as a number (JSON has none): they are written as null.
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
