using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Factory.Connectivity.Mqtt;

/// <summary>
/// A small JSONPath subset that names one value: <c>$</c> (the whole payload), <c>$.a.b</c>, <c>$['a b']</c>, <c>$.values[0]</c>.
/// </summary>
public sealed class JsonPath
{
    private readonly object[] _steps;

    private JsonPath(string text, object[] steps)
    {
        Text = text;
        _steps = steps;
    }

    public string Text { get; }

    /// <summary>Whether the path has only member names (so a value can be written under it).</summary>
    public bool IsMembersOnly => _steps.All(s => s is string);

    public static bool TryParse(string? text, out JsonPath path, out string? error)
    {
        path = null!;
        error = null;
        var t = text?.Trim() ?? "";
        if (!t.StartsWith('$'))
        {
            error = $"JSON path '{text}' must start with $";
            return false;
        }

        var steps = new List<object>();
        var i = 1;
        while (i < t.Length)
        {
            if (t[i] == '.')
            {
                var end = i + 1;
                while (end < t.Length && t[end] is not ('.' or '['))
                {
                    end++;
                }

                if (end == i + 1)
                {
                    error = $"JSON path '{text}' has an empty member name";
                    return false;
                }

                steps.Add(t[(i + 1)..end]);
                i = end;
            }
            else if (t[i] == '[')
            {
                var close = t.IndexOf(']', i);
                if (close < 0)
                {
                    error = $"JSON path '{text}' has an unclosed [";
                    return false;
                }

                var inner = t[(i + 1)..close].Trim();
                if (inner.Length >= 2 && inner[0] is '\'' or '"' && inner[^1] == inner[0])
                {
                    steps.Add(inner[1..^1]);
                }
                else if (int.TryParse(inner, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
                {
                    steps.Add(index);
                }
                else
                {
                    error = $"JSON path '{text}': [{inner}] is neither an index nor a quoted name";
                    return false;
                }

                i = close + 1;
            }
            else
            {
                error = $"JSON path '{text}': unexpected '{t[i]}' at {i}";
                return false;
            }
        }

        path = new JsonPath(t, [.. steps]);
        return true;
    }

    /// <summary>The element the path names, when the document has it.</summary>
    public bool TryFind(JsonElement root, out JsonElement found)
    {
        found = root;
        foreach (var step in _steps)
        {
            if (step is string name)
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
                {
                    return false;
                }
            }
            else if (found.ValueKind != JsonValueKind.Array || (int)step >= found.GetArrayLength())
            {
                return false;
            }
            else
            {
                found = found[(int)step];
            }
        }

        return true;
    }

    /// <summary>A document with <paramref name="value"/> under this path (members only), for writes.</summary>
    public byte[] Wrap(JsonNode? value)
    {
        var node = value;
        for (var i = _steps.Length - 1; i >= 0; i--)
        {
            node = new JsonObject { [(string)_steps[i]] = node };
        }

        return Encoding.UTF8.GetBytes(node?.ToJsonString() ?? "null");
    }

    public override string ToString() => Text;
}
