using System.Text.Json;
using Factory.Domain.PackMl;

namespace Factory.Simulator;

/// <summary>Reads the machines of a plant definition file (sites → lines → machines); other parts are ignored.</summary>
public static class PlantFile
{
    /// <summary>The machines of every site and line, in file order.</summary>
    public static IReadOnlyList<MachineSpec> ReadMachines(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = File.OpenRead(path);
        using var document = JsonDocument.Parse(stream, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var machines = new List<MachineSpec>();
        var problems = new List<string>();
        if (!document.RootElement.TryGetProperty("sites", out var sites) || sites.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{path}: the plant file has no \"sites\" array.");
        }

        foreach (var site in sites.EnumerateArray())
        {
            if (!site.TryGetProperty("lines", out var lines) || lines.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var line in lines.EnumerateArray())
            {
                var lineId = Text(line, "id");
                if (lineId is null || !line.TryGetProperty("machines", out var list) || list.ValueKind != JsonValueKind.Array)
                {
                    problems.Add("a line without an id or machines array");
                    continue;
                }

                foreach (var machine in list.EnumerateArray())
                {
                    var id = Text(machine, "id");
                    if (id is null)
                    {
                        problems.Add($"a machine of line {lineId} has no id");
                        continue;
                    }

                    var cycle = machine.TryGetProperty("idealCycleTimeSeconds", out var c) && c.TryGetDouble(out var seconds) && seconds > 0 ? seconds : double.NaN;
                    if (double.IsNaN(cycle))
                    {
                        problems.Add($"machine {id} needs a positive idealCycleTimeSeconds");
                        continue;
                    }

                    var initial = PackMlState.Execute;
                    if (Text(machine, "initialState") is { } state && !Enum.TryParse(state, ignoreCase: true, out initial))
                    {
                        problems.Add($"machine {id} has an unknown initialState '{state}'");
                        continue;
                    }

                    machines.Add(new MachineSpec(id, lineId, TimeSpan.FromSeconds(cycle), initial)
                    {
                        Name = Text(machine, "name") ?? id,
                        HoldExtensions = machine.TryGetProperty("holdExtensions", out var h) && h.ValueKind == JsonValueKind.True,
                    });
                }
            }
        }

        foreach (var duplicate in machines.GroupBy(m => m.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add($"machine id {duplicate.Key} appears {duplicate.Count()} times");
        }

        return problems.Count > 0 ? throw new InvalidDataException($"{path}: {string.Join("; ", problems)}.") : machines;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()) ? value.GetString() : null;
}
