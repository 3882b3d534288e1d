namespace Factory.Domain.Oee;

/// <summary>KPIs of any window recomputed from the state intervals and counts (the same arithmetic as the live accumulator).</summary>
public static class OeeCalculator
{
    /// <summary>
    /// KPIs of one machine over <paramref name="window"/>. Intervals and counts of other machines are ignored;
    /// overlapping intervals (not produced by the state log) are clipped so no time counts twice.
    /// </summary>
    /// <param name="workOrderId">When set, only the order's intervals and counts count (per-work-order KPIs).</param>
    public static ProductionKpis Compute(
        string machineId,
        IEnumerable<StateInterval> intervals,
        IEnumerable<ProductionCount> counts,
        PlannedTime planned,
        TimeRange window,
        TimeClassification classification,
        DowntimeReasonTree? reasons = null,
        string? workOrderId = null)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(counts);
        var accumulator = new OeeAccumulator(machineId, window, planned, classification, reasons, workOrderId);
        DateTimeOffset? covered = null;

        // Intervals that end before the window cannot count; the one ending exactly at its start is kept, as it
        // tells whether a failure was already running when the window began.
        foreach (var interval in intervals
            .Where(i => string.Equals(i.MachineId, machineId, StringComparison.Ordinal) && i.Start < window.End && i.End >= window.Start)
            .OrderBy(i => i.Start)
            .ThenBy(i => i.End))
        {
            var clipped = covered is { } c && interval.Start < c ? interval with { Start = c } : interval;
            if (clipped.End <= clipped.Start)
            {
                continue;
            }

            accumulator.AddInterval(clipped);
            covered = clipped.End;
        }

        foreach (var count in counts.Where(c => string.Equals(c.MachineId, machineId, StringComparison.Ordinal)))
        {
            accumulator.AddCount(count);
        }

        return accumulator.Snapshot(window.End);
    }

    /// <summary>
    /// KPIs of several machines (a line, a site) over one window: each machine's time elements and counts
    /// are summed, ratios are taken after (ISO 22400 aggregation). <paramref name="plannedFor"/> gives each machine's planned time.
    /// </summary>
    /// <param name="workOrderId">
    /// When set, the KPIs of that work order on the machines: only intervals and counts tagged with the order count, over
    /// the window given (e.g. from the order's release to now).
    /// </param>
    public static ProductionKpis ComputeMany(
        IEnumerable<string> machineIds,
        IReadOnlyCollection<StateInterval> intervals,
        IReadOnlyCollection<ProductionCount> counts,
        Func<string, PlannedTime> plannedFor,
        TimeRange window,
        TimeClassification classification,
        DowntimeReasonTree? reasons = null,
        string? workOrderId = null)
    {
        ArgumentNullException.ThrowIfNull(machineIds);
        ArgumentNullException.ThrowIfNull(plannedFor);
        if (workOrderId is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(workOrderId);
        }

        return ProductionKpis.Sum(machineIds.Distinct(StringComparer.Ordinal)
            .Select(id => Compute(id, intervals, counts, plannedFor(id), window, classification, reasons, workOrderId)));
    }
}
