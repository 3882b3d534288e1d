using System.Text.Json;
using System.Text.Json.Serialization;
using Factory.Domain.PackMl;

namespace Factory.Domain.Plant.Definition;

/// <summary>
/// Reads a plant definition file (<c>plants/*.json</c>, see the README's "plant file") into its checked model: the one
/// reader of that file for the host, the simulator and the command line. Strict: a member the model does not know is an
/// error with its JSON path, so a misspelt key is not silently ignored. What a part of the system makes of the model
/// (grain specs, endpoints, simulated machines) is that part's own translation.
/// </summary>
public static class PlantDefinitionReader
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Reads and checks the file at <paramref name="path"/>.</summary>
    /// <exception cref="PlantDefinitionException">The file is missing, malformed or inconsistent (every problem is named).</exception>
    public static PlantDefinition Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new PlantDefinitionException($"Plant definition file '{Path.GetFullPath(path)}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads and checks a plant definition given as JSON text; <paramref name="source"/> names it in errors.</summary>
    /// <exception cref="PlantDefinitionException">The text is malformed or inconsistent.</exception>
    public static PlantDefinition Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        PlantDefinition plant;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            // A file that is JSON but not a plant (no sites at all) is named as such, not as a type mismatch deep inside.
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.EnumerateObject().Any(p => string.Equals(p.Name, "sites", StringComparison.OrdinalIgnoreCase) && p.Value.ValueKind == JsonValueKind.Array))
            {
                throw new PlantDefinitionException($"Plant definition file '{source}' has no \"sites\" array.");
            }

            plant = document.RootElement.Deserialize<PlantDefinition>(Json)
                ?? throw new PlantDefinitionException($"Plant definition file '{source}' is empty.");
        }
        catch (JsonException e)
        {
            throw new PlantDefinitionException($"Plant definition file '{source}' is not valid: {e.Message}", e);
        }

        var problems = Check(plant);
        return problems.Count > 0 ? throw PlantDefinitionException.Of(problems, source) : plant;
    }

    /// <summary>
    /// What is wrong with the definition on its own, before anything is made of it: every site, endpoint, line,
    /// machine, worker and work order has an id not used twice (per kind), every line has machines, every given
    /// cycle time is positive and every initial state is a PackML state. Empty when it is consistent.
    /// </summary>
    public static IReadOnlyList<string> Check(PlantDefinition plant)
    {
        ArgumentNullException.ThrowIfNull(plant);
        var problems = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        void Unique(string kind, string id)
        {
            if (string.IsNullOrWhiteSpace(id))
            {
                problems.Add($"a {kind} has no id");
            }
            else if (!ids.Add($"{kind}:{id}"))
            {
                problems.Add($"{kind} id '{id}' is used twice");
            }
        }

        foreach (var site in plant.Sites)
        {
            Unique("site", site.Id);
            foreach (var endpoint in site.Endpoints)
            {
                Unique("endpoint", endpoint.Id);
            }

            foreach (var line in site.Lines)
            {
                Unique("line", line.Id);
                if (line.Machines.Count == 0)
                {
                    problems.Add($"line '{line.Id}' has no machines");
                }

                foreach (var machine in line.Machines)
                {
                    Unique("machine", machine.Id);
                    if (machine.IdealCycleTimeSeconds is <= 0 or double.NaN)
                    {
                        problems.Add($"machine '{machine.Id}' needs a positive idealCycleTimeSeconds");
                    }

                    if (machine.InitialState is { } state && !TryParseState(state, out _))
                    {
                        problems.Add($"machine '{machine.Id}' has an unknown initialState '{state}'");
                    }
                }
            }

            foreach (var worker in site.Workers)
            {
                Unique("worker", worker.Id);
            }

            foreach (var order in site.WorkOrders)
            {
                Unique("work order", order.Id);
            }
        }

        return problems;
    }

    /// <summary>Whether <paramref name="name"/> is a PackML state's name (any case); numbers are not names.</summary>
    public static bool TryParseState(string name, out PackMlState state) =>
        Enum.TryParse(name, ignoreCase: true, out state) && Enum.IsDefined(state) && !name.Any(char.IsDigit);
}
