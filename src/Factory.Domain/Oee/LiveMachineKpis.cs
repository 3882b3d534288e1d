namespace Factory.Domain.Oee;

/// <summary>
/// One machine's KPIs for a live window, kept incrementally from the tails of its log: everything before
/// <see cref="ReadFrom"/> is folded into an <see cref="OeeAccumulator"/> once; the next read only needs the log from
/// there (the event in force at <see cref="ReadFrom"/> and later, counts at or after it). <see cref="Snapshot"/> then
/// gives the same figures as <see cref="OeeCalculator.Compute"/> over the whole window up to now — the accumulator is
/// fed the same intervals in the same order, only split between what is folded and what is still read again.
/// Whether the log's past changed (a backfill, a planned stop) is the reader's to know (<see cref="LogRevisions"/>);
/// then it starts a new instance from the window's start.
/// </summary>
public sealed class LiveMachineKpis
{
    private readonly string _machineId;
    private readonly OeeAccumulator _folded;
    private readonly TimeSpan _settle;
    private List<StateInterval> _closed = [];
    private MachineStateEvent? _open;
    private List<ProductionCount> _counts = [];

    /// <param name="machineId">The machine.</param>
    /// <param name="window">The live window from its start to (at least) its planned end; figures are taken up to now.</param>
    /// <param name="planned">The calendar's planned operation and every planned stop of the machine touching the window.</param>
    /// <param name="classification">The site's state → time element table.</param>
    /// <param name="reasons">The site's reason tree.</param>
    /// <param name="settle">
    /// How far behind a read's time the fold stops, so events arriving late within the log's reorder bound fall in the
    /// part that is read again rather than in the folded past (which would need a read from the start).
    /// </param>
    public LiveMachineKpis(string machineId, TimeRange window, PlannedTime planned, TimeClassification classification, DowntimeReasonTree? reasons, TimeSpan settle)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineId);
        _machineId = machineId;
        _folded = new OeeAccumulator(machineId, window, planned, classification, reasons);
        _settle = settle < TimeSpan.Zero ? TimeSpan.Zero : settle;
        Window = window;
        ReadFrom = window.Start;
    }

    public string MachineId => _machineId;

    /// <summary>The window the figures are kept for (its end is where they stop growing, not now).</summary>
    public TimeRange Window { get; }

    /// <summary>Where the next read of the log starts: nothing before it is read again.</summary>
    public DateTimeOffset ReadFrom { get; private set; }

    /// <summary>When the last read was taken.</summary>
    public DateTimeOffset ReadAt { get; private set; }

    /// <summary>
    /// True when a read did not continue the folded past (an interval overlapping it: the log's past changed without the
    /// reader being told); the figures must then be started again from the window's start.
    /// </summary>
    public bool Stale { get; private set; }

    /// <summary>
    /// Takes a read of the log from <see cref="ReadFrom"/> up to <paramref name="readAt"/>: its events in log order
    /// (the one in force at <see cref="ReadFrom"/> first) and its counts at or after <see cref="ReadFrom"/>. What can no
    /// longer change without the log saying so is folded; the rest is kept for snapshots until the next read.
    /// </summary>
    public void Take(IReadOnlyList<MachineStateEvent> events, IReadOnlyList<ProductionCount> counts, DateTimeOffset readAt)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(counts);
        var closed = new List<StateInterval>(events.Count);
        MachineStateEvent? open = null;
        foreach (var next in events)
        {
            // As the log builds intervals: a zero-length one is left out, of equal timestamps the later one wins.
            if (open is not null && next.At > open.At)
            {
                closed.Add(StateInterval.From(open, next.At));
            }

            open = next;
        }

        // Fold up to the open interval's start, the latest count (the log's last bucket still grows) and the settling
        // time. Where exactly is only a matter of cost: whatever changes before it later is a change of the log's past.
        var until = readAt - _settle;
        if (open is not null && open.At < until)
        {
            until = open.At;
        }

        if (counts.Count > 0 && counts.Max(c => c.At) is var latest && latest < until)
        {
            until = latest;
        }

        if (until < ReadFrom)
        {
            until = ReadFrom;
        }

        var kept = new List<StateInterval>(closed.Count);
        foreach (var interval in closed)
        {
            if (interval.End <= until)
            {
                Stale |= _folded.AddInterval(interval) is not null;
            }
            else
            {
                kept.Add(interval);
            }
        }

        var keptCounts = new List<ProductionCount>(counts.Count);
        foreach (var count in counts)
        {
            if (count.At < until)
            {
                _folded.AddCount(count);
            }
            else
            {
                keptCounts.Add(count);
            }
        }

        _closed = kept;
        _open = open;
        _counts = keptCounts;
        ReadFrom = until;
        ReadAt = readAt;
    }

    /// <summary>The machine's KPIs from the window's start up to <paramref name="now"/>, the open interval lasting until then.</summary>
    public ProductionKpis Snapshot(DateTimeOffset now)
    {
        IEnumerable<StateInterval> unsealed = _open is { } open && now > open.At ? [.. _closed, StateInterval.From(open, now)] : _closed;
        return _folded.Snapshot(now, unsealed, _counts);
    }
}
