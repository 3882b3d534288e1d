using System.Text.Json.Nodes;

namespace Factory.Testing;

/// <summary>
/// The demo plant with its shifts kept but its breaks and calendar exceptions (holidays) taken out, so every moment is
/// planned production time. For tests that post a machine's events "now" and read them back as lost or planned time:
/// with the demo calendar, a run that happens to fall in a break (19:30–20:00 Berlin, say) or on Christmas Day
/// rightly counts none of it, and the test would depend on the time of day it runs.
/// </summary>
internal static class RoundTheClockPlant
{
    private static readonly Lazy<string> _path = new(Write);

    /// <summary>The plant file, written once per test process.</summary>
    public static string Path => _path.Value;

    private static string Write()
    {
        var plant = JsonNode.Parse(File.ReadAllText(RepoPaths.DemoPlant))!;
        foreach (var calendar in Calendars(plant))
        {
            foreach (var shift in calendar["shifts"]!.AsArray())
            {
                shift!.AsObject().Remove("breaks");
            }

            calendar.Remove("exceptions");
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"factory-round-the-clock-{Environment.ProcessId}.json");
        File.WriteAllText(path, plant.ToJsonString());
        return path;
    }

    private static IEnumerable<JsonObject> Calendars(JsonNode node) => node switch
    {
        JsonObject o => (o["shiftCalendar"] is JsonObject c ? [c] : Array.Empty<JsonObject>())
            .Concat(o.Where(p => p.Key != "shiftCalendar" && p.Value is not null).SelectMany(p => Calendars(p.Value!))),
        JsonArray a => a.Where(n => n is not null).SelectMany(n => Calendars(n!)),
        _ => [],
    };
}
