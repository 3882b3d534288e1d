namespace Factory.Domain.Oee;

/// <summary>
/// Which stretches of a machine's time were lost (ADOT, ADET, ASUT inside planned operation time, outside planned
/// stops), classified the same way as the KPIs, and the Pareto of lost time by reason.
/// </summary>
public static class DowntimeAnalysis
{
    private static readonly TimeElement[] LossElements = [TimeElement.Adot, TimeElement.Adet, TimeElement.Asut];

    /// <summary>The lost-time stretches of one machine in <paramref name="window"/>, oldest first.</summary>
    public static IReadOnlyList<DowntimeStop> Stops(
        string machineId,
        IEnumerable<StateInterval> intervals,
        PlannedTime planned,
        TimeRange window,
        TimeClassification classification,
        DowntimeReasonTree reasons)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(classification);
        ArgumentNullException.ThrowIfNull(reasons);
        var operation = planned.IsContinuous ? [window] : planned.Operation.Select(o => o.Intersect(window)).OfType<TimeRange>().ToList();
        var stops = planned.Stops.Select(s => s.Range).ToList();
        var result = new List<DowntimeStop>();
        foreach (var interval in intervals.Where(i => string.Equals(i.MachineId, machineId, StringComparison.Ordinal) && i.End > window.Start && i.Start < window.End)
                     .OrderBy(i => i.Start))
        {
            var element = classification.Classify(interval, null, reasons.Find(interval.ReasonCode)?.Category);
            if (!LossElements.Contains(element))
            {
                continue;
            }

            foreach (var part in operation.Select(o => o.Intersect(interval.Range)).OfType<TimeRange>())
            {
                foreach (var piece in Subtract(part, stops))
                {
                    result.Add(new DowntimeStop(machineId, interval.Start, piece.Start, piece.End, interval.State, element, reasons.Find(interval.ReasonCode)?.Code));
                }
            }
        }

        return result;
    }

    /// <summary>Lost time by reason, biggest first; stops without a reason form one "unexplained" row.</summary>
    public static IReadOnlyList<DowntimeParetoRow> Pareto(IEnumerable<DowntimeStop> stops, DowntimeReasonTree reasons)
    {
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(reasons);
        var groups = stops
            .GroupBy(s => s.ReasonCode, StringComparer.OrdinalIgnoreCase)
            .Select(g => (Code: g.Key, Lost: TimeSpan.FromTicks(g.Sum(s => s.Duration.Ticks)), Count: g.Select(s => (s.MachineId, s.IntervalStart)).Distinct().Count()))
            .OrderByDescending(g => g.Lost)
            .ThenBy(g => g.Code, StringComparer.Ordinal)
            .ToList();
        var total = groups.Sum(g => g.Lost.Ticks);
        var running = 0L;
        var rows = new List<DowntimeParetoRow>();
        foreach (var (code, lost, count) in groups)
        {
            running += lost.Ticks;
            var reason = reasons.Find(code);
            rows.Add(new DowntimeParetoRow(
                code,
                reason?.Name ?? (code is null ? "unexplained" : code),
                reason?.Category,
                lost,
                count,
                total == 0 ? 0 : (double)lost.Ticks / total,
                total == 0 ? 0 : (double)running / total));
        }

        return rows;
    }

    private static IEnumerable<TimeRange> Subtract(TimeRange range, IReadOnlyList<TimeRange> holes)
    {
        var start = range.Start;
        foreach (var hole in holes.Where(h => h.Overlaps(range)).OrderBy(h => h.Start))
        {
            if (hole.Start > start)
            {
                yield return new TimeRange(start, hole.Start);
            }

            if (hole.End > start)
            {
                start = hole.End;
            }
        }

        if (range.End > start)
        {
            yield return new TimeRange(start, range.End);
        }
    }
}
