namespace Factory.Domain.Oee;

/// <summary>
/// The one definition of a line's throughput ("good/h"), used by the overview and the KPI page alike: the good
/// parts leaving the line per hour, i.e. the good count of its <em>last stage</em> — the line's last machine and the
/// machines listed right before it that share one of its capabilities (parallel machines of that stage, such as
/// PCK-01 and PCK-02), summed — per hour of elapsed time (breaks included). Counting every machine would count a part
/// once per station it passes; counting only the last machine would miss its parallel twins.
/// </summary>
public static class LineThroughput
{
    /// <summary>
    /// The machines of the line's last stage, in line order. <paramref name="machines"/> are the line's machines in
    /// the order the line lists them (flow order), each with its capabilities.
    /// </summary>
    public static ImmutableArray<string> LastStage(IReadOnlyList<(string Id, IReadOnlyCollection<string> Capabilities)> machines)
    {
        ArgumentNullException.ThrowIfNull(machines);
        if (machines.Count == 0)
        {
            return [];
        }

        var last = machines[^1];
        var first = machines.Count - 1;
        while (first > 0 && machines[first - 1].Capabilities.Any(c => last.Capabilities.Contains(c, StringComparer.Ordinal)))
        {
            first--;
        }

        return [.. machines.Skip(first).Select(m => m.Id)];
    }

    /// <summary>Good parts per hour of <paramref name="elapsed"/>; null when no time has passed.</summary>
    public static double? GoodPerHour(long good, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? Math.Max(0, good) / elapsed.TotalHours : null;
}
