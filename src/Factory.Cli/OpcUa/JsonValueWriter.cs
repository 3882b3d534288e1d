using System.Globalization;
using System.Text.Json;
using Factory.OpcUa.Encoding;

namespace Factory.Cli.OpcUa;

/// <summary>Writes OPC UA values as JSON: numbers, strings, arrays (matrices nested by dimension), byte strings as base64.</summary>
internal static class JsonValueWriter
{
    public static void WriteDataValue(Utf8JsonWriter json, string node, DataValue value)
    {
        json.WriteStartObject();
        json.WriteString("node", node);
        json.WriteString("status", value.StatusCode.Name);
        json.WriteString("type", value.Value.Type.ToString());
        json.WritePropertyName("value");
        WriteVariant(json, value.Value);
        if (value.SourceTimestamp != DateTime.MinValue)
        {
            json.WriteString("sourceTimestamp", value.SourceTimestamp.ToString("O", CultureInfo.InvariantCulture));
        }

        if (value.ServerTimestamp != DateTime.MinValue)
        {
            json.WriteString("serverTimestamp", value.ServerTimestamp.ToString("O", CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    public static void WriteVariant(Utf8JsonWriter json, Variant value)
    {
        if (!value.IsArray)
        {
            WriteScalar(json, value.Value);
            return;
        }

        var array = (Array)value.Value!;
        var dims = value.Dimensions ?? [array.Length];
        var index = 0;
        WriteNested(json, array, dims, 0, ref index);
    }

    private static void WriteNested(Utf8JsonWriter json, Array array, int[] dims, int level, ref int index)
    {
        json.WriteStartArray();
        for (var i = 0; i < dims[level]; i++)
        {
            if (level == dims.Length - 1)
            {
                WriteScalar(json, array.GetValue(index++));
            }
            else
            {
                WriteNested(json, array, dims, level + 1, ref index);
            }
        }

        json.WriteEndArray();
    }

    private static void WriteScalar(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case bool b: json.WriteBooleanValue(b); break;
            case sbyte v: json.WriteNumberValue(v); break;
            case byte v: json.WriteNumberValue(v); break;
            case short v: json.WriteNumberValue(v); break;
            case ushort v: json.WriteNumberValue(v); break;
            case int v: json.WriteNumberValue(v); break;
            case uint v: json.WriteNumberValue(v); break;
            case long v: json.WriteNumberValue(v); break;
            case ulong v: json.WriteNumberValue(v); break;
            case float v when float.IsFinite(v): json.WriteNumberValue(v); break;
            case double v when double.IsFinite(v): json.WriteNumberValue(v); break;
            case float v: json.WriteStringValue(v.ToString(CultureInfo.InvariantCulture)); break;
            case double v: json.WriteStringValue(v.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime v: json.WriteStringValue(v.ToString("O", CultureInfo.InvariantCulture)); break;
            case byte[] v: json.WriteBase64StringValue(v); break;
            case LocalizedText v: json.WriteStringValue(v.Text); break;
            case Variant v: WriteVariant(json, v); break;
            case DataValue v:
                json.WriteStartObject();
                json.WriteString("status", v.StatusCode.Name);
                json.WritePropertyName("value");
                WriteVariant(json, v.Value);
                json.WriteEndObject();
                break;
            default: json.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
