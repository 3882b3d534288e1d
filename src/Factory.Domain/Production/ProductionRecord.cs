using Factory.Domain.History;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Production;

/// <summary>
/// One machine's production record: its state interval log, its counts, its planned stops and its PLC counters, with
/// the rules for changing them (observed states, counter readings, posted events, stops, reasons attached), the
/// retention that keeps it bounded and the reads of a window or a live reader's tail. It also keeps what it gained
/// since the last append to the historian. Not thread-safe: its owner (the machine's log grain) calls it one at a time.
/// </summary>
public sealed class ProductionRecord
{
    /// <summary>History older than this is dropped so the record stays bounded.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(62);

    /// <summary>The most events one post may carry.</summary>
    public const int MaxBatch = 10_000;

    private readonly List<ProductionCount> _counts;
    private readonly List<PlannedStop> _stops;

    // Whether the counts are in time order (what the counters give; posted ones may not be): a tail is then found from the end.
    private bool _countsInOrder;

    // The PLC's cumulative counters when last read, to turn them into increments.
    private PartCounter _good;
    private PartCounter _scrap;

    // Gained since the last append to the historian; kept until an append succeeds (a failed one is retried later).
    private readonly List<MachineStateEvent> _newStates = [];
    private readonly List<ProductionCount> _newCounts = [];
    private readonly List<TagSample> _newTags = [];

    private ProductionRecord(string machineId, StateIntervalLog log, List<ProductionCount> counts, List<PlannedStop> stops, long? lastGood, long? lastScrap)
    {
        MachineId = machineId;
        Log = log;
        _counts = counts;
        _stops = stops;
        _countsInOrder = Enumerable.Range(1, Math.Max(0, counts.Count - 1)).All(i => counts[i - 1].At <= counts[i].At);
        _good = new PartCounter(lastGood, 0);
        _scrap = new PartCounter(lastScrap, 0);
    }

    public string MachineId { get; }

    /// <summary>The machine's state events as intervals.</summary>
    public StateIntervalLog Log { get; private set; }

    /// <summary>The counts in the order they were recorded (in time order unless posted out of order).</summary>
    public IReadOnlyList<ProductionCount> Counts => _counts;

    /// <summary>The planned stops in the order they were added.</summary>
    public IReadOnlyList<PlannedStop> Stops => _stops;

    /// <summary>The good-part counter's last reading (null before the first).</summary>
    public long? LastGoodCounter => _good.Last;

    /// <summary>The scrap counter's last reading (null before the first).</summary>
    public long? LastScrapCounter => _scrap.Last;

    /// <summary>What changed since this load and how far back, so a live reader can read only the tail (<see cref="Tail"/>).</summary>
    public LogRevisions Revisions { get; } = new();

    /// <summary>What the record gained since the last <see cref="Appended"/>, for the historian.</summary>
    public HistoryBatch Unappended => new([.. _newTags], [.. _newStates], [.. _newCounts]);

    /// <summary>
    /// A record of stored events (in any order; an empty log when they cannot be restored), counts, stops and the
    /// counters' last readings.
    /// </summary>
    public static ProductionRecord Restore(
        string machineId, IEnumerable<MachineStateEvent> events, IEnumerable<ProductionCount> counts, IEnumerable<PlannedStop> stops,
        long? lastGoodCounter, long? lastScrapCounter)
    {
        var (log, _) = StateIntervalLog.Restore(machineId, StateIntervalLog.MachineReorderBound, events);
        return new ProductionRecord(
            machineId, log ?? StateIntervalLog.Empty(machineId, StateIntervalLog.MachineReorderBound), [.. counts], [.. stops], lastGoodCounter, lastScrapCounter);
    }

    /// <summary>An empty record.</summary>
    public static ProductionRecord Empty(string machineId) => Restore(machineId, [], [], [], null, null);

    /// <summary>
    /// Records the machine's live condition: appended (backfilled when older than the reorder bound allows) unless it
    /// continues the last event. Returns whether the log changed.
    /// </summary>
    public bool Observe(MachineStateEvent observed)
    {
        ArgumentNullException.ThrowIfNull(observed);
        var last = Log.Events.Count > 0 ? Log.Events[^1] : null;
        if (last is not null && last.ContinuedBy(observed))
        {
            return false;
        }

        var appended = Log.Append(observed);
        if (appended.IsRefused)
        {
            appended = Log.Backfill([observed]);
        }

        if (appended.IsRefused)
        {
            return false;
        }

        Log = appended.Log;
        _newStates.Add(observed);
        Revisions.Touch(observed.At);
        return true;
    }

    /// <summary>
    /// Reads the PLC's cumulative counters (the first reading is a baseline, a reset counts from zero) and records what
    /// they rose by as a count at <paramref name="at"/>. Returns whether a count was recorded.
    /// </summary>
    /// <param name="idealCycleTimeSeconds">The PRI of what is made now; one second when not positive.</param>
    public bool CountFromCounters(long goodReading, long scrapReading, DateTimeOffset at, double idealCycleTimeSeconds, string? workOrderId)
    {
        var good = new PartCounter(_good.Last, 0).Observe(goodReading);
        var scrap = new PartCounter(_scrap.Last, 0).Observe(scrapReading);
        _good = good;
        _scrap = scrap;
        if (good.Counted <= 0 && scrap.Counted <= 0)
        {
            return false;
        }

        var pri = idealCycleTimeSeconds > 0 ? idealCycleTimeSeconds : 1;
        var count = new ProductionCount(MachineId, at, Math.Max(good.Counted, 0), Math.Max(scrap.Counted, 0), 0, Ticks(pri), workOrderId);
        if (count.Validate().Count > 0)
        {
            return false;
        }

        // Counter increments arrive with every telemetry change; within one minute they are added to the same
        // record (same order and PRI), so the stored counts stay at one per minute and order at most.
        if (_counts.Count > 0 && _counts[^1] is { } previous && SameBucket(previous, count))
        {
            var merged = previous with { Good = previous.Good + count.Good, Scrap = previous.Scrap + count.Scrap };
            _counts[^1] = merged;
            Revisions.Touch(previous.At);

            // The bucket's row in the historian is the same row with the new totals.
            var pending = _newCounts.FindLastIndex(c => c.At == previous.At && c.WorkOrderId == previous.WorkOrderId && c.IdealCycleTime == previous.IdealCycleTime);
            if (pending >= 0)
            {
                _newCounts.RemoveAt(pending);
            }

            _newCounts.Add(merged);
        }
        else
        {
            AddCount(count);
            _newCounts.Add(count);
            Revisions.Touch(count.At);
        }

        return true;
    }

    /// <summary>
    /// Records posted events: all are checked first and one bad event refuses the whole post (nothing changes).
    /// Changed when a state or a count was recorded; tag values only are accepted unchanged.
    /// </summary>
    /// <param name="idealCycleTimeSeconds">The machine's own PRI, for counts that name none.</param>
    public RecordChange Post(IReadOnlyList<PostedMachineEvent?> events, double idealCycleTimeSeconds)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return RecordChange.Refused(Refusal.Invalid("no events given"));
        }

        if (events.Count > MaxBatch)
        {
            return RecordChange.Refused(Refusal.Invalid($"at most {MaxBatch} events per request"));
        }

        var stateEvents = new List<MachineStateEvent>();
        var counts = new List<ProductionCount>();
        foreach (var e in events)
        {
            if (e is null || e.At == default)
            {
                return RecordChange.Refused(Refusal.Invalid("every event needs a time ('at')"));
            }

            if (e.State is { } st)
            {
                stateEvents.Add(new MachineStateEvent(MachineId, e.At, st, e.Mode ?? UnitMode.Production, e.Quality ?? DataQuality.Good, e.ReasonCode, e.WorkOrderId));
            }
            else if (e.Mode is not null || e.Quality is not null || e.ReasonCode is not null)
            {
                return RecordChange.Refused(Refusal.Invalid($"event at {e.At:O} gives a mode, quality or reason without a state"));
            }

            if (e.Good != 0 || e.Scrap != 0 || e.Rework != 0)
            {
                var seconds = e.IdealCycleTimeSeconds ?? idealCycleTimeSeconds;
                if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400)
                {
                    return RecordChange.Refused(Refusal.Invalid($"event at {e.At:O}: idealCycleTimeSeconds must be positive and at most one day"));
                }

                var count = new ProductionCount(MachineId, e.At, e.Good, e.Scrap, e.Rework, Ticks(seconds), e.WorkOrderId);
                if (count.Validate() is { Count: > 0 } problems)
                {
                    return RecordChange.Refused(Refusal.Invalid($"event at {e.At:O}: {string.Join("; ", problems)}"));
                }

                counts.Add(count);
            }

            if (e.Tags is { } tags && tags.Values.Any(v => !double.IsFinite(v)))
            {
                return RecordChange.Refused(Refusal.Invalid($"event at {e.At:O}: tag values must be finite numbers"));
            }
        }

        var appended = Log.Backfill(stateEvents);
        if (appended.Refusal is { } refusal)
        {
            return RecordChange.Refused(refusal);
        }

        Log = appended.Log;
        var changed = stateEvents.Count > 0 || counts.Count > 0;
        if (changed)
        {
            Revisions.Touch(stateEvents.Select(e => e.At).Concat(counts.Select(c => c.At)).Min());
        }

        foreach (var count in counts)
        {
            AddCount(count);
        }

        _newStates.AddRange(stateEvents);
        _newCounts.AddRange(counts);
        _newTags.AddRange(events.Where(e => e!.Tags is not null).SelectMany(e => e!.Tags!.Select(t => new TagSample(MachineId, t.Key, e.At, t.Value))));
        return changed ? RecordChange.Made : RecordChange.Unchanged;
    }

    /// <summary>Adds a valid planned stop; the same stop again changes nothing.</summary>
    public RecordChange AddPlannedStop(PlannedStop? stop)
    {
        if (stop is null)
        {
            return RecordChange.Refused(Refusal.Invalid("no planned stop given"));
        }

        if (stop.Validate() is { Count: > 0 } problems)
        {
            return RecordChange.Refused(Refusal.Invalid(string.Join("; ", problems)));
        }

        if (_stops.Contains(stop))
        {
            return RecordChange.Unchanged;
        }

        _stops.Add(stop);
        // Planned time is the reader's from the window's start: any stop change makes it read everything again.
        Revisions.Touch(DateTimeOffset.MinValue);
        return RecordChange.Made;
    }

    /// <summary>Removes the planned stop of that id (<see cref="PlannedStop.Id"/>); refused when there is none.</summary>
    public RecordChange RemovePlannedStop(string stopId)
    {
        var index = _stops.FindIndex(s => string.Equals(s.Id, stopId, StringComparison.Ordinal));
        if (index < 0)
        {
            return RecordChange.Refused(Refusal.NotFound($"machine {MachineId} has no planned stop '{stopId}'"));
        }

        _stops.RemoveAt(index);
        Revisions.Touch(DateTimeOffset.MinValue);
        return RecordChange.Made;
    }

    /// <summary>The planned stops by start.</summary>
    public ImmutableArray<PlannedStop> PlannedStops() => [.. _stops.OrderBy(s => s.Start)];

    /// <summary>Names why the machine was down in the interval starting at <paramref name="intervalStart"/>; production (Execute) takes no reason.</summary>
    public RecordChange AttachReason(DateTimeOffset intervalStart, string reasonCode)
    {
        if (string.IsNullOrWhiteSpace(reasonCode))
        {
            return RecordChange.Refused(Refusal.Invalid("a reason code is required"));
        }

        var index = Log.Events.FindLastIndex(e => e.At == intervalStart);
        if (index < 0)
        {
            return RecordChange.Refused(Refusal.NotFound($"machine {MachineId} has no interval starting at {intervalStart:O}"));
        }

        var target = Log.Events[index];
        if (target.State == PackMlState.Execute)
        {
            return RecordChange.Refused(Refusal.Conflict($"the interval at {intervalStart:O} is production (Execute), not down time"));
        }

        var events = Log.Events.SetItem(index, target with { ReasonCode = reasonCode });
        var (log, refusal) = StateIntervalLog.Restore(MachineId, Log.ReorderBound, events);
        if (log is null)
        {
            return RecordChange.Refused(refusal!);
        }

        Log = log;
        _newStates.Add(events[index]);
        Revisions.Touch(intervalStart);
        return RecordChange.Made;
    }

    /// <summary>
    /// The reason the PLC's reason tag names, through the reason tree's PLC codes: none while the machine produces,
    /// or when the tag is missing or not a whole number with a code.
    /// </summary>
    public static string? PlcReason(IReadOnlyDictionary<string, double> tags, PackMlState machineState, string reasonTag, IReadOnlyDictionary<int, string> plcReasons)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(plcReasons);
        return machineState != PackMlState.Execute &&
            tags.TryGetValue(reasonTag, out var value) && double.IsFinite(value) && value == Math.Floor(value) &&
            value is >= int.MinValue and <= int.MaxValue && plcReasons.TryGetValue((int)value, out var code)
                ? code
                : null;
    }

    /// <summary>Drops what ended more than <see cref="Retention"/> before <paramref name="now"/> (the event in force then is kept).</summary>
    public void Compact(DateTimeOffset now)
    {
        var horizon = now - Retention;
        Log = Log.Compact(horizon);
        _counts.RemoveAll(c => c.At < horizon);
        _stops.RemoveAll(p => p.End < horizon);
    }

    /// <summary>Forgets what the historian now holds (after <see cref="Unappended"/> was appended).</summary>
    public void Appended()
    {
        _newTags.Clear();
        _newStates.Clear();
        _newCounts.Clear();
    }

    /// <summary>What the record holds from <paramref name="from"/> to <paramref name="to"/>, with the stops that overlap it.</summary>
    public RecordWindow Read(DateTimeOffset from, DateTimeOffset to) =>
        Window(from, to, [.. _stops.Where(p => p.Start < to && p.End > from)]);

    /// <summary>
    /// What a live reader of the window from <paramref name="windowStart"/> needs after it read up to <paramref name="from"/>:
    /// only the tail, unless the past before it changed since the reader's revision (then everything from the window's start).
    /// </summary>
    public RecordTail Tail(DateTimeOffset windowStart, DateTimeOffset from, DateTimeOffset to, Guid epoch, long revision)
    {
        var fromStart = from <= windowStart || Revisions.ChangedAtOrBefore(epoch, revision, from);
        var window = Window(fromStart ? windowStart : from, to, [.. _stops.Where(p => p.End > windowStart)]);
        return new RecordTail(window, fromStart, Revisions.Epoch, Revisions.Read());
    }

    private RecordWindow Window(DateTimeOffset from, DateTimeOffset to, ImmutableArray<PlannedStop> stops)
    {
        var events = Log.Events;
        var first = events.FindLastIndex(e => e.At <= from);
        var selected = events.Skip(Math.Max(first, 0)).TakeWhile(e => e.At < to).ToImmutableArray();

        // In time order a tail's counts are found from the newest back, not by filtering 62 days of them.
        var firstCount = 0;
        if (_countsInOrder)
        {
            firstCount = _counts.Count;
            while (firstCount > 0 && _counts[firstCount - 1].At >= from)
            {
                firstCount--;
            }
        }

        return new RecordWindow(selected, [.. _counts.Skip(firstCount).Where(c => c.At >= from && c.At < to)], stops);
    }

    private void AddCount(ProductionCount count)
    {
        _countsInOrder &= _counts.Count == 0 || _counts[^1].At <= count.At;
        _counts.Add(count);
    }

    // The same order and PRI within the same minute, not before the bucket's first count.
    private static bool SameBucket(ProductionCount bucket, ProductionCount count) =>
        bucket.WorkOrderId == count.WorkOrderId && bucket.IdealCycleTime == count.IdealCycleTime &&
        bucket.At <= count.At && count.At - bucket.At < TimeSpan.FromMinutes(1) &&
        bucket.At.UtcTicks / TimeSpan.TicksPerMinute == count.At.UtcTicks / TimeSpan.TicksPerMinute;

    private static TimeSpan Ticks(double seconds) => TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}
