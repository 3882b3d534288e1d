using System.Text.Json;
using System.Text.Json.Nodes;

namespace Factory.Benchmarks.Execution;

/// <summary>
/// A plant file of any size for the execution run: machines in lines of ten with one of five capabilities, two qualified
/// workers per capability and ten machines (or <c>workerCount</c> workers in all), and orders of four operations (cut, form, finish, pack order of capabilities),
/// fed by the built-in simulator with the demo plant's tag template (job tags included).
/// </summary>
internal static class GeneratedPlant
{
    private static readonly string[] Capabilities = ["cut", "form", "weld", "finish", "pack"];

    /// <summary>Writes the plant file and answers its path.</summary>
    /// <param name="watched">The id of one more machine, first on the first line, that no operation needs (a load run drives
    /// it through commands without the dispatcher giving it work); null for none.</param>
    public static string Write(string repoRoot, int machines, int operations, int seed, int? workerCount = null, string? watched = null)
    {
        var demo = JsonNode.Parse(File.ReadAllText(Path.Combine(repoRoot, "src", "Factory.Host", "plants", "demo.json")))!;
        var template = demo["sites"]![0]!["endpoints"]![0]!["tagTemplate"]!.DeepClone();
        var random = new Random(seed);
        var lines = new JsonArray();
        var cycle = new Dictionary<string, double>();
        for (var l = 0; l * 10 < machines; l++)
        {
            var list = new JsonArray();
            for (var i = l * 10; i < Math.Min(machines, (l + 1) * 10); i++)
            {
                var capability = Capabilities[i % Capabilities.Length];
                var seconds = 2 + (i % 4);
                cycle[capability] = seconds;
                list.Add(new JsonObject
                {
                    ["id"] = $"M{i + 1:0000}", ["name"] = $"Machine {i + 1}", ["capabilities"] = new JsonArray(capability),
                    ["idealCycleTimeSeconds"] = seconds, ["initialState"] = "Idle", ["source"] = new JsonObject { ["endpoint"] = "sim" },
                });
            }

            if (l == 0 && watched is not null)
            {
                list.Insert(0, new JsonObject
                {
                    ["id"] = watched, ["name"] = "Watched machine", ["capabilities"] = new JsonArray("inspect"), ["idealCycleTimeSeconds"] = 3,
                    ["initialState"] = "Idle", ["source"] = new JsonObject { ["endpoint"] = "sim" },
                });
            }

            lines.Add(new JsonObject { ["id"] = $"L{l + 1:00}", ["name"] = $"Line {l + 1}", ["machines"] = list });
        }

        var workers = new JsonArray();
        var perCapability = Math.Max(2, (workerCount ?? machines) / Capabilities.Length);
        var w = 0;
        foreach (var capability in Capabilities)
        {
            for (var k = 0; k < perCapability; k++)
            {
                workers.Add(new JsonObject
                {
                    ["id"] = $"W{++w:0000}", ["name"] = $"Worker {w}", ["shift"] = "A", ["clockedIn"] = true,
                    ["skills"] = new JsonObject { [capability] = 3 },
                    ["certifications"] = new JsonArray(new JsonObject { ["skill"] = capability, ["validForDays"] = 365 }),
                });
            }
        }

        var orders = new JsonArray();
        for (var o = 0; o < operations / 4; o++)
        {
            var quantity = random.Next(20, 61);
            var ops = new JsonArray();
            var route = new[] { "cut", random.Next(2) == 0 ? "form" : "weld", "finish", "pack" };
            for (var k = 0; k < route.Length; k++)
            {
                ops.Add(new JsonObject
                {
                    ["sequence"] = (k + 1) * 10, ["name"] = route[k], ["capability"] = route[k], ["skill"] = route[k], ["minSkillLevel"] = 1,
                    ["standardDurationSeconds"] = Math.Ceiling(quantity * cycle.GetValueOrDefault(route[k], 3) * 1.1),
                });
            }

            orders.Add(new JsonObject
            {
                ["id"] = $"WO-{o + 1:00000}", ["product"] = $"Part {o % 17}", ["quantity"] = quantity,
                ["dueInHours"] = random.Next(2, 9), ["priority"] = random.Next(1, 4), ["operations"] = ops,
            });
        }

        var plant = new JsonObject
        {
            ["sites"] = new JsonArray(new JsonObject
            {
                ["id"] = "plant-1", ["name"] = $"Generated plant ({machines} machines)", ["timeZone"] = "UTC",
                ["endpoints"] = new JsonArray(new JsonObject
                {
                    ["id"] = "sim", ["url"] = "{simulator}", ["publishingIntervalMs"] = 200, ["samplingIntervalMs"] = 100,
                    ["staleAfterSeconds"] = 60, ["deadConnectionTimeoutSeconds"] = 5, ["tagTemplate"] = template,
                }),
                ["lines"] = lines, ["workers"] = workers, ["workOrders"] = orders,
            }),
        };
        var file = Path.Combine(Path.GetTempPath(), $"factory-plant-{machines}x{operations}-{seed}-{workers.Count}{(watched is null ? "" : "-" + watched)}.json");
        File.WriteAllText(file, plant.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return file;
    }
}
