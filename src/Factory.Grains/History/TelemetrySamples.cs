using Factory.Domain.History;
using Factory.Grains.Production;

namespace Factory.Grains.History;

/// <summary>
/// The tag samples one telemetry batch carries: every value it reports (connectors report by exception, so a flat
/// value costs nothing), at the batch's source timestamp, under the names the trends use.
/// </summary>
public static class TelemetrySamples
{
    public static List<TagSample> Of(string machineId, MachineTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        var at = telemetry.SourceTimestamp;
        var samples = new List<TagSample>();
        void Add(string tag, double? value)
        {
            if (value is { } v && double.IsFinite(v))
            {
                samples.Add(new TagSample(machineId, tag, at, v));
            }
        }

        Add("speed", telemetry.Speed);
        Add("setpoint", telemetry.Setpoint);
        Add("produced", telemetry.ProducedCount);
        Add("good", telemetry.GoodCount);
        Add("scrap", telemetry.ScrapCount);
        foreach (var (name, value) in telemetry.Temperatures ?? ImmutableDictionary<string, double>.Empty)
        {
            Add(name, value);
        }

        foreach (var (name, value) in telemetry.Numbers ?? ImmutableDictionary<string, double>.Empty)
        {
            Add(name, value);
        }

        foreach (var (name, text) in telemetry.Tags ?? ImmutableDictionary<string, string>.Empty)
        {
            Add(name, TagValues.Parse(text));
        }

        return samples;
    }
}
