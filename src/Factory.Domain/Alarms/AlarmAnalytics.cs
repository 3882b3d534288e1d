namespace Factory.Domain.Alarms;

/// <summary>
/// ISA-18.2 performance figures over an alarm history. An alarm counts when it is annunciated: an
/// activation that put it into Unacknowledged (activations while shelved, suppressed or out of service
/// reach no operator and do not count toward rates and floods, but do toward chattering).
/// </summary>
public static class AlarmAnalytics
{
    /// <summary>Annunciated alarms per hour from <paramref name="from"/> to <paramref name="to"/>, one entry per UTC hour (zeros included).</summary>
    public static IReadOnlyList<AlarmRate> RatePerHour(IEnumerable<AlarmEvent> history, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (to <= from || to - from > TimeSpan.FromDays(400))
        {
            return [];
        }

        var start = new DateTimeOffset(from.UtcDateTime.Ticks - from.UtcDateTime.Ticks % TimeSpan.TicksPerHour, TimeSpan.Zero);
        var hours = (int)Math.Ceiling((to - start).TotalHours);
        var counts = new int[hours];
        foreach (var e in history.Where(IsAnnunciation).Where(e => e.At >= from && e.At < to))
        {
            counts[(int)((e.At - start).Ticks / TimeSpan.TicksPerHour)]++;
        }

        return counts.Select((count, i) => new AlarmRate(start.AddHours(i), count)).ToList();
    }

    /// <summary>Floods per operator area: merged periods in which the threshold was reached within the flood window.</summary>
    public static IReadOnlyList<AlarmFlood> Floods(IEnumerable<AlarmEvent> history, AlarmAnalysisSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        settings ??= AlarmAnalysisSettings.Default;
        return history
            .Where(IsAnnunciation)
            .GroupBy(e => e.Area, StringComparer.OrdinalIgnoreCase)
            .SelectMany(area => Bursts(area.Select(e => e.At), settings.FloodThreshold, settings.Flood)
                .Select(b => new AlarmFlood(area.Key, b.Start, b.End, b.Count)))
            .OrderBy(f => f.Start)
            .ToList();
    }

    /// <summary>Chattering alarms: periods in which one alarm activated at least the chatter count within the chatter window.</summary>
    /// <param name="definitions">Per-alarm chatter settings override the site's, when given.</param>
    public static IReadOnlyList<ChatteringAlarm> Chattering(
        IEnumerable<AlarmEvent> history,
        AlarmAnalysisSettings? settings = null,
        IReadOnlyDictionary<string, AlarmDefinition>? definitions = null)
    {
        ArgumentNullException.ThrowIfNull(history);
        settings ??= AlarmAnalysisSettings.Default;
        return history
            .Where(e => e.Action == AlarmAction.Activated)
            .GroupBy(e => e.AlarmId, StringComparer.OrdinalIgnoreCase)
            .SelectMany(alarm =>
            {
                var definition = definitions is not null && definitions.TryGetValue(alarm.Key, out var d) ? d : null;
                var count = definition?.ChatterActivations ?? settings.ChatterActivations;
                var window = definition?.ChatterWindow ?? settings.Chatter;
                var machine = alarm.First().MachineId;
                return Bursts(alarm.Select(e => e.At), count, window)
                    .Select(b => new ChatteringAlarm(alarm.Key, machine, b.Start, b.End, b.Count));
            })
            .OrderBy(c => c.Start)
            .ToList();
    }

    /// <summary>Alarms whose condition has been active longer than the stale limit at <paramref name="now"/> (out-of-service ones aside).</summary>
    public static IReadOnlyList<Alarm> Stale(IEnumerable<Alarm> alarms, DateTimeOffset now, AlarmAnalysisSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        settings ??= AlarmAnalysisSettings.Default;
        return alarms
            .Where(a => a.ConditionActive && a.State != AlarmState.OutOfService && a.ActiveSince is { } since && now - since > settings.Stale)
            .OrderBy(a => a.ActiveSince)
            .ToList();
    }

    private static bool IsAnnunciation(AlarmEvent e) => e.Action == AlarmAction.Activated && e.To == AlarmState.Unacknowledged;

    // Every run of `threshold` occurrences that fits in `window` marks [first, last]; overlapping marks merge.
    private static IEnumerable<(DateTimeOffset Start, DateTimeOffset End, int Count)> Bursts(IEnumerable<DateTimeOffset> times, int threshold, TimeSpan window)
    {
        var sorted = times.Order().ToList();
        threshold = Math.Max(threshold, 1);
        DateTimeOffset? start = null;
        var end = default(DateTimeOffset);
        var first = 0;
        var last = 0;
        for (var i = 0; i + threshold - 1 < sorted.Count; i++)
        {
            var j = i + threshold - 1;
            if (sorted[j] - sorted[i] >= window)
            {
                continue;
            }

            if (start is not null && sorted[i] <= end)
            {
                end = sorted[j];
                last = j;
                continue;
            }

            if (start is not null)
            {
                yield return (start.Value, end, last - first + 1);
            }

            (start, end, first, last) = (sorted[i], sorted[j], i, j);
        }

        if (start is not null)
        {
            yield return (start.Value, end, last - first + 1);
        }
    }
}
