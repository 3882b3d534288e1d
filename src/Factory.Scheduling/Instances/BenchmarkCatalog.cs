using System.Text.Json;

namespace Factory.Scheduling.Instances;

/// <summary>Reads a collection's instances.json (name, jobs, machines, optimum or bounds, path relative to the file).</summary>
public static class BenchmarkCatalog
{
    /// <summary>Reads the catalog at <paramref name="instancesJson"/>. Throws <see cref="FormatException"/> on a malformed file.</summary>
    public static IReadOnlyList<BenchmarkInstance> Read(string instancesJson)
    {
        var root = Path.GetDirectoryName(Path.GetFullPath(instancesJson)) ?? ".";
        using var doc = JsonDocument.Parse(File.ReadAllText(instancesJson));
        if (doc.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"{instancesJson}: expected a JSON array");
        }

        var list = new List<BenchmarkInstance>();
        foreach (var e in doc.RootElement.EnumerateArray())
        {
            var name = e.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : throw new FormatException($"{instancesJson}: an entry has no name");
            var path = e.TryGetProperty("path", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : throw new FormatException($"{instancesJson}: '{name}' has no path");
            long? optimum = e.TryGetProperty("optimum", out var o) && o.ValueKind == JsonValueKind.Number ? o.GetInt64() : null;
            long? upper = optimum, lower = optimum;
            if (e.TryGetProperty("bounds", out var b) && b.ValueKind == JsonValueKind.Object)
            {
                upper = b.TryGetProperty("upper", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt64() : upper;
                lower = b.TryGetProperty("lower", out var l) && l.ValueKind == JsonValueKind.Number ? l.GetInt64() : lower;
            }

            var jobs = e.TryGetProperty("jobs", out var j) && j.ValueKind == JsonValueKind.Number ? j.GetInt32() : 0;
            var machines = e.TryGetProperty("machines", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt32() : 0;
            list.Add(new BenchmarkInstance(name, Path.Combine(root, path), jobs, machines, optimum, upper, lower));
        }

        return list;
    }
}
