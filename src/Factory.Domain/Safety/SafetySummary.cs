using Factory.Domain.Oee;

namespace Factory.Domain.Safety;

/// <summary>Safety stops and incidents in a window.</summary>
/// <param name="StoppedTime">Time inside the window machines spent in safety stops (open stops up to the time asked).</param>
public sealed record SafetySummary(
    int SafetyStops,
    ImmutableDictionary<SafetyStopKind, int> StopsByKind,
    TimeSpan StoppedTime,
    int Incidents,
    ImmutableDictionary<IncidentSeverity, int> IncidentsBySeverity)
{
    /// <summary>
    /// Counts the stops that began and the incidents that happened in <paramref name="window"/>; stopped time is
    /// every stop's overlap with the window, open stops counted until <paramref name="now"/>.
    /// </summary>
    public static SafetySummary For(TimeRange window, IEnumerable<SafetyEvent> stops, IEnumerable<Incident> incidents, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(incidents);
        var stopList = stops.Where(s => s is not null).ToList();
        var started = stopList.Where(s => window.Contains(s.Start)).ToList();
        var stopped = stopList.Aggregate(TimeSpan.Zero, (sum, s) =>
        {
            var end = s.End ?? now;
            return end > s.Start && window.Intersect(new TimeRange(s.Start, end)) is { } overlap ? sum + overlap.Duration : sum;
        });
        var inWindow = incidents.Where(i => i is not null && window.Contains(i.At)).ToList();
        return new SafetySummary(
            started.Count,
            started.GroupBy(s => s.Kind).ToImmutableDictionary(g => g.Key, g => g.Count()),
            stopped,
            inWindow.Count,
            inWindow.GroupBy(i => i.Severity).ToImmutableDictionary(g => g.Key, g => g.Count()));
    }
}
