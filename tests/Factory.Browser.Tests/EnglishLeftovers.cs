using System.Text.Json;
using System.Text.RegularExpressions;

namespace Factory.Browser.Tests;

/// <summary>
/// Finds English left on a page shown in German: every text of <c>en.json</c> whose German differs, looked for in what
/// the page shows. A one-word text must be a whole text node (or attribute) of its own, since German shares words
/// such as "Plan" or "Material" with English; a longer text, or the literal part of one with placeholders, anywhere in
/// the page's text. Very short texts and pure data (ids, numbers, units) are left out, and so is an English text that is
/// also a German one (the costs page's German "Plan" is the English nav's "Plan").
/// </summary>
public sealed partial class EnglishLeftovers
{
    private readonly List<string> _words = [];
    private readonly List<(string Key, string Phrase)> _phrases = [];

    private EnglishLeftovers(Dictionary<string, string> english, Dictionary<string, string> german)
    {
        var germanTexts = german.Values.ToHashSet(StringComparer.Ordinal);
        foreach (var (key, en) in english)
        {
            if (!german.TryGetValue(key, out var de) || de == en || germanTexts.Contains(en))
            {
                continue;
            }

            foreach (var part in Placeholder().Split(en).Select(p => p.Trim(' ', ',', ';', ':', '(', ')', '·', '—', '–', '/', '.')))
            {
                if (!Letters().IsMatch(part))
                {
                    continue;
                }

                if (part.Contains(' ', StringComparison.Ordinal))
                {
                    _phrases.Add((key, part));
                }
                else if (part.Length >= 4 && part == en.Trim())
                {
                    _words.Add(part);
                }
            }
        }
    }

    /// <summary>The texts of the dashboard's resource files, copied next to the tests.</summary>
    public static EnglishLeftovers Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "locales");
        return new EnglishLeftovers(Flatten(Path.Combine(folder, "en.json")), Flatten(Path.Combine(folder, "de.json")));
    }

    /// <summary>How many English texts the check looks for (so a test can tell it is not checking nothing).</summary>
    public int Count => _words.Count + _phrases.Count;

    /// <summary>
    /// The English texts found among <paramref name="shown"/> (text nodes and attribute values of one page), leaving out
    /// the <paramref name="data"/> the page shows as it is (a PLC's tag names such as "setpoint", from the plant file).
    /// </summary>
    public IReadOnlyList<string> In(IReadOnlyCollection<string> shown, IReadOnlySet<string> data)
    {
        var kept = shown.Select(s => s.Trim()).Where(s => !data.Contains(s)).ToList();
        var nodes = kept.ToHashSet(StringComparer.Ordinal);
        var all = string.Join("\n", kept);
        return [.. _words.Where(nodes.Contains).Select(w => $"\"{w}\""),
            .. _phrases.Where(p => all.Contains(p.Phrase, StringComparison.Ordinal)).Select(p => $"\"{p.Phrase}\" ({p.Key})")];
    }

    private static Dictionary<string, string> Flatten(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        Walk(document.RootElement, "", texts);
        return texts;
    }

    private static void Walk(JsonElement element, string prefix, Dictionary<string, string> texts)
    {
        foreach (var property in element.EnumerateObject())
        {
            var key = prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}";
            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                Walk(property.Value, key, texts);
            }
            else
            {
                texts[key] = property.Value.GetString() ?? "";
            }
        }
    }

    [GeneratedRegex(@"\{\{\w+\}\}")]
    private static partial Regex Placeholder();

    // At least three letters in a row: "OEE" stays (the same in both), "%" or "s" never count.
    [GeneratedRegex(@"\p{L}{3,}")]
    private static partial Regex Letters();
}
