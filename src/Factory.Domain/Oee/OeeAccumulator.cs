namespace Factory.Domain.Oee;

/// <summary>
/// Live KPIs of one machine for one window, fed interval by interval as the state log seals them and
/// count by count. Sums are integer ticks and exact decimals, so the figures equal a recomputation from
/// the log over the same window (<see cref="OeeCalculator.Compute"/> is this accumulator run over the log).
/// Time inside the window that no interval covers after the first one counts as Unknown (unless scoped to a work
/// order, when only the order's own intervals count); time before the machine's first interval was never observed
/// (the plant was not running Factory yet) and does not count at all.
/// </summary>
public sealed class OeeAccumulator
{
    private readonly long[] _ticks = new long[Enum.GetValues<TimeElement>().Length + 1];
    private readonly string _machineId;
    private readonly TimeRange _window;
    private readonly PlannedTime _planned;
    private readonly TimeRange[] _operation;
    private readonly PlannedStop[] _stops;
    private readonly TimeSpan _longestOperation;
    private readonly TimeSpan _longestStop;
    private readonly TimeClassification _classification;
    private readonly DowntimeReasonTree _reasons;
    private readonly string? _workOrderId;
    private ProductionTotals _output = ProductionTotals.Zero;
    private int _failures;
    private DateTimeOffset? _coveredUntil;
    private bool _inFailure;
    private DateTimeOffset _failureStart;
    private bool _failureCounted;

    /// <param name="machineId">The machine; intervals and counts of other machines are refused.</param>
    /// <param name="window">The KPI window.</param>
    /// <param name="planned">The calendar's planned operation and the stops that apply to the machine.</param>
    /// <param name="classification">The site's state → time element table.</param>
    /// <param name="reasons">The site's reason tree (a reason's category can decide an interval's element).</param>
    /// <param name="workOrderId">When set, only this order's intervals and counts count and uncovered time is ignored.</param>
    public OeeAccumulator(
        string machineId,
        TimeRange window,
        PlannedTime planned,
        TimeClassification classification,
        DowntimeReasonTree? reasons = null,
        string? workOrderId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineId);
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(classification);
        _machineId = machineId;
        _window = window;

        // Only what touches the window can matter, and only the part inside it: keeping less makes every interval
        // cheaper to measure, and clipping keeps the longest range within the window, so a stop recorded to the year
        // 9999 cannot push the search below DateTimeOffset.MinValue (#11, finding 1).
        _planned = new PlannedTime(
            planned.IsContinuous ? default : [.. planned.Operation.Select(r => r.Intersect(window)).OfType<TimeRange>()],
            [.. (planned.Stops.IsDefault ? [] : planned.Stops).Where(s => s is not null).Select(s => Clip(s, window)).OfType<PlannedStop>()]);

        // Sorted by start, with the longest length known, so the ranges touching an interval are found by binary search.
        _operation = _planned.IsContinuous ? [] : [.. _planned.Operation.OrderBy(r => r.Start)];
        _stops = [.. _planned.Stops.OrderBy(s => s.Start)];
        _longestOperation = _operation.Length == 0 ? TimeSpan.Zero : _operation.Max(r => r.Duration);
        _longestStop = _stops.Length == 0 ? TimeSpan.Zero : _stops.Max(s => s.End - s.Start);
        _classification = classification;
        _reasons = reasons ?? DowntimeReasonTree.Empty;
        _workOrderId = workOrderId;
    }

    /// <summary>
    /// An accumulator caught up with a log: fed its sealed intervals and the counts. Use it on activation and
    /// after a backfill (<see cref="StateLogAppend.HistoryChanged"/>), then keep feeding what the log seals.
    /// </summary>
    public static OeeAccumulator FromLog(
        StateIntervalLog log,
        IEnumerable<ProductionCount> counts,
        TimeRange window,
        PlannedTime planned,
        TimeClassification classification,
        DowntimeReasonTree? reasons = null)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(counts);
        var accumulator = new OeeAccumulator(log.MachineId, window, planned, classification, reasons);
        foreach (var interval in log.SealedIntervals())
        {
            accumulator.AddInterval(interval);
        }

        foreach (var count in counts.Where(c => c is not null && string.Equals(c.MachineId, log.MachineId, StringComparison.Ordinal)))
        {
            accumulator.AddCount(count);
        }

        return accumulator;
    }

    private OeeAccumulator(OeeAccumulator source)
        : this(source._machineId, source._window, source._planned, source._classification, source._reasons, source._workOrderId)
    {
        Array.Copy(source._ticks, _ticks, _ticks.Length);
        _output = source._output;
        _failures = source._failures;
        _coveredUntil = source._coveredUntil;
        _inFailure = source._inFailure;
        _failureStart = source._failureStart;
        _failureCounted = source._failureCounted;
    }

    public TimeRange Window => _window;

    /// <summary>The end of the last interval added, or null before the first.</summary>
    public DateTimeOffset? CoveredUntil => _coveredUntil;

    /// <summary>
    /// Adds the next interval of the machine. Intervals come in time order and do not overlap (as the state
    /// log seals them); one that starts before the end of the previous is refused and changes nothing.
    /// </summary>
    public Refusal? AddInterval(StateInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        if (!string.Equals(interval.MachineId, _machineId, StringComparison.Ordinal))
        {
            return Refusal.Invalid($"interval of machine {interval.MachineId} given to the accumulator of {_machineId}");
        }

        if (interval.End < interval.Start)
        {
            return Refusal.Invalid($"interval ends ({interval.End:O}) before it starts ({interval.Start:O})");
        }

        if (_coveredUntil is { } covered && interval.Start < covered)
        {
            return Refusal.Conflict($"interval starting {interval.Start:O} overlaps what is already counted (until {covered:O}); recompute from the log instead");
        }

        if (_workOrderId is not null && !string.Equals(interval.WorkOrderId, _workOrderId, StringComparison.Ordinal))
        {
            return null;
        }

        Take(interval);
        return null;
    }

    /// <summary>Adds a count increment; counts outside the window are ignored (they belong to another window).</summary>
    public Refusal? AddCount(ProductionCount count)
    {
        ArgumentNullException.ThrowIfNull(count);
        if (!string.Equals(count.MachineId, _machineId, StringComparison.Ordinal))
        {
            return Refusal.Invalid($"count of machine {count.MachineId} given to the accumulator of {_machineId}");
        }

        var problems = count.Validate();
        if (problems.Count > 0)
        {
            return Refusal.Invalid(string.Join("; ", problems));
        }

        if (_window.Contains(count.At) && (_workOrderId is null || string.Equals(count.WorkOrderId, _workOrderId, StringComparison.Ordinal)))
        {
            _output = _output.Add(count);
        }

        return null;
    }

    /// <summary>
    /// The KPIs of the window up to <paramref name="asOf"/> (clamped to the window's end, and never before what is
    /// already covered), with the machine's unsealed intervals (e.g. <see cref="StateIntervalLog.UnsealedIntervals"/>)
    /// counted up to then, and <paramref name="pendingCounts"/> (counts not added yet, e.g. a bucket still growing)
    /// counted as <see cref="AddCount"/> would. Does not change the accumulator.
    /// </summary>
    public ProductionKpis Snapshot(DateTimeOffset asOf, IEnumerable<StateInterval>? unsealed = null, IEnumerable<ProductionCount>? pendingCounts = null)
    {
        var end = asOf > _window.End ? _window.End : asOf;
        if (_coveredUntil is { } covered && covered > end)
        {
            end = covered > _window.End ? _window.End : covered;
        }

        var view = new OeeAccumulator(this);
        foreach (var open in (unsealed ?? []).OrderBy(i => i.Start))
        {
            if (!string.Equals(open.MachineId, _machineId, StringComparison.Ordinal) ||
                (_workOrderId is not null && !string.Equals(open.WorkOrderId, _workOrderId, StringComparison.Ordinal)))
            {
                continue;
            }

            var start = view._coveredUntil is { } c && c > open.Start ? c : open.Start;
            var stop = open.End < end ? open.End : end;
            if (stop > start)
            {
                view.Take(open with { Start = start, End = stop });
            }
        }

        foreach (var count in pendingCounts ?? [])
        {
            view.AddCount(count);
        }

        view.FillGap(end);
        return new ProductionKpis(TimeElementTotals.FromTicks(view._ticks), view._output, view._failures);
    }

    private void Take(StateInterval interval)
    {
        FillGap(interval.Start);
        var category = _reasons.Find(interval.ReasonCode)?.Category;
        var isFailure = _classification.Classify(interval, null, category) == TimeElement.Adot;
        if (isFailure && !(_inFailure && _coveredUntil == interval.Start))
        {
            _failureStart = interval.Start;
            _failureCounted = false;
        }

        _inFailure = isFailure;
        var adotBefore = _ticks[(int)TimeElement.Adot];
        Measure(interval, category);
        if (isFailure && !_failureCounted && _failureStart >= _window.Start && _ticks[(int)TimeElement.Adot] > adotBefore)
        {
            _failures++;
            _failureCounted = true;
        }

        if (_coveredUntil is null || interval.End > _coveredUntil)
        {
            _coveredUntil = interval.End;
        }
    }

    // Time no interval covers is Unknown: the machine was not seen, which must never pass for running. Before its
    // first interval there is nothing to have lost sight of: a plant started mid-shift is not 0 % available for the
    // hours before it started (the log keeps the state at the window's start, so a machine observed earlier has an
    // interval covering it).
    private void FillGap(DateTimeOffset until)
    {
        if (_workOrderId is not null || _coveredUntil is not { } from)
        {
            return;
        }

        if (from < _window.Start)
        {
            from = _window.Start;
        }

        if (until > _window.End)
        {
            until = _window.End;
        }

        if (until > from)
        {
            _inFailure = false;
            Measure(StateInterval.Uncovered(_machineId, from, until), null);
            _coveredUntil = until;
        }
    }

    private void Measure(StateInterval interval, DowntimeCategory? category)
    {
        if (_window.Intersect(interval.Range) is not { } piece)
        {
            return;
        }

        // Split the piece where planned operation or a planned stop begins or ends; each segment is uniform.
        var firstOperation = FirstCandidate(_operation, r => r.Start, Before(piece.Start, _longestOperation));
        var firstStop = FirstCandidate(_stops, s => s.Start, Before(piece.Start, _longestStop));
        var cuts = new List<DateTimeOffset>(4) { piece.Start, piece.End };
        for (var i = firstOperation; i < _operation.Length && _operation[i].Start < piece.End; i++)
        {
            AddCut(cuts, piece, _operation[i].Start);
            AddCut(cuts, piece, _operation[i].End);
        }

        for (var i = firstStop; i < _stops.Length && _stops[i].Start < piece.End; i++)
        {
            AddCut(cuts, piece, _stops[i].Start);
            AddCut(cuts, piece, _stops[i].End);
        }

        cuts.Sort();
        for (var i = 0; i + 1 < cuts.Count; i++)
        {
            var (from, to) = (cuts[i], cuts[i + 1]);
            if (to <= from || !InOperation(from, firstOperation))
            {
                continue;
            }

            var element = _classification.Classify(interval, StopAt(from, firstStop), category);
            _ticks[(int)element] += (to - from).Ticks;
        }
    }

    // The part of a stop inside the window, or null when it does not touch it.
    private static PlannedStop? Clip(PlannedStop stop, TimeRange window) =>
        stop.End > stop.Start && stop.Start < window.End && window.Start < stop.End
            ? stop with { Start = stop.Start > window.Start ? stop.Start : window.Start, End = stop.End < window.End ? stop.End : window.End }
            : null;

    // `at - span`, saturating at the earliest instant instead of throwing.
    private static DateTimeOffset Before(DateTimeOffset at, TimeSpan span) =>
        at.UtcTicks - DateTimeOffset.MinValue.UtcTicks <= span.Ticks ? DateTimeOffset.MinValue : at - span;

    // The first element whose start is at or after `from` (nothing before it can reach the piece).
    private static int FirstCandidate<T>(T[] sorted, Func<T, DateTimeOffset> start, DateTimeOffset from)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (start(sorted[mid]) < from)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private static void AddCut(List<DateTimeOffset> cuts, TimeRange piece, DateTimeOffset at)
    {
        if (at > piece.Start && at < piece.End)
        {
            cuts.Add(at);
        }
    }

    private bool InOperation(DateTimeOffset at, int first)
    {
        if (_planned.IsContinuous)
        {
            return true;
        }

        for (var i = first; i < _operation.Length && _operation[i].Start <= at; i++)
        {
            if (_operation[i].Contains(at))
            {
                return true;
            }
        }

        return false;
    }

    private PlannedStopKind? StopAt(DateTimeOffset at, int first)
    {
        PlannedStopKind? kind = null;
        for (var i = first; i < _stops.Length && _stops[i].Start <= at; i++)
        {
            var stop = _stops[i];
            if (at >= stop.Start && at < stop.End)
            {
                // Planned maintenance wins over a break that overlaps it, so maintenance work is seen as APMT.
                if (stop.Kind == PlannedStopKind.PlannedMaintenance)
                {
                    return stop.Kind;
                }

                kind ??= stop.Kind;
            }
        }

        return kind;
    }
}
