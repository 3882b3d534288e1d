using Factory.Contracts.Production;
using Factory.Domain.History;
using Factory.Domain.Oee;
using Factory.Grains.History;
using Factory.Grains.Production;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Factory.Grains;

/// <summary>
/// One machine's production record: state interval log, counts and planned stops.
/// Thin: the rules are <see cref="StateIntervalLog"/> and <see cref="PartCounter"/>; this grain keeps their state,
/// compacts it, saves it and publishes what changed. KPIs are computed from its log by the caller (pure functions),
/// so live and recomputed figures come from the same data. The machine's alarms and safety stops live in its
/// <see cref="IMachineAlarmsGrain"/>, to which this grain hands the watched tags when they change.
/// </summary>
public sealed partial class MachineLogGrain(
    [PersistentState("machine-log", StorageNames.Plant)] IPersistentState<MachineLogState> state,
    PlantClock clock,
    IServiceProvider services,
    ILogger<MachineLogGrain> logger) : Grain, IMachineLogGrain
{
    /// <summary>How late a live event may arrive (OPC UA batches, several sources) before it counts as backfill.</summary>
    public static readonly TimeSpan ReorderBound = StateIntervalLog.MachineReorderBound;

    /// <summary>History older than this is dropped so the grain state stays bounded.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(62);

    private const int MaxBatch = 10_000;

    private StateIntervalLog _log = null!;

    // What changed since this activation and how far back, so a live reader can read only the log's tail (GetLogTail).
    private readonly LogRevisions _revisions = new();

    // Whether the counts are in time order (what the counters give; posted ones may not be): a tail is then found from the end.
    private bool _countsInOrder;

    // The watched tags' values last handed to the alarms grain: only a change is sent (one-way). Forgotten on every
    // count flush, so a one-way message that was lost is made good by the next reading.
    private readonly Dictionary<string, double> _watched = new(StringComparer.OrdinalIgnoreCase);

    private string MachineId => this.GetPrimaryKeyString();

    private IMachineAlarmsGrain Alarms => GrainFactory.GetGrain<IMachineAlarmsGrain>(MachineId);

    /// <summary>Counter-only changes are saved (and KPIs refreshed) at most this often.</summary>
    private static readonly TimeSpan CountSaveInterval = TimeSpan.FromSeconds(5);

    private bool _countsPending;

    /// <summary>The historian the log's state changes and counts are appended to (none in a silo without history).</summary>
    private readonly HistoryWriter? _history = services.GetService<HistoryWriter>();

    // Appended to the historian after the next save; kept until the append succeeds (a failed one is retried then).
    private readonly List<MachineStateEvent> _newStates = [];
    private readonly List<ProductionCount> _newCounts = [];
    private readonly List<TagSample> _newTags = [];
    private DateTimeOffset _lastSave;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushCounts, new GrainTimerCreationOptions(CountSaveInterval, CountSaveInterval));
        var (log, _) = StateIntervalLog.Restore(MachineId, ReorderBound, state.State.Events.Select(e => e.ToDomain(MachineId)));
        _log = log ?? StateIntervalLog.Empty(MachineId, ReorderBound);
        var counts = state.State.Counts;
        _countsInOrder = Enumerable.Range(1, Math.Max(0, counts.Count - 1)).All(i => counts[i - 1].At <= counts[i].At);
        await HandOverAlarmsAsync();
    }

    /// <summary>
    /// A log stored before alarms had their own grain still holds them: they are handed over, then dropped from
    /// the log. Handed over first and dropped after, so a crash in between repeats a handover (ignored), never loses one.
    /// </summary>
    private async Task HandOverAlarmsAsync()
    {
        var s = state.State;
        if (s.Alarms.Count == 0 && s.AlarmHistory.Count == 0 && s.SafetyEvents.Count == 0)
        {
            return;
        }

        await Alarms.TakeOver(new AlarmsHandover(s.Settings, [.. s.Alarms.Select(AlarmView.From)], [.. s.AlarmHistory], [.. s.SafetyEvents]));
        s.Alarms = [];
        s.AlarmHistory = [];
        s.SafetyEvents = [];
        await SaveAsync(logChanged: false);
    }

    public async Task Configure(MachineLogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (state.State.Settings != settings)
        {
            state.State.Settings = settings;
            await SaveAsync(logChanged: false);
        }

        // Told every time (it ignores settings it has), so an alarms grain whose store was lost is set up again.
        _watched.Clear();
        await Alarms.Configure(settings);
    }

    public async Task Record(MachineView view)
    {
        var s = state.State;
        var changed = false;
        var at = view.StateSince > view.QualitySince ? view.StateSince : view.QualitySince;
        var tags = TagValues.Of(view.Telemetry);
        var stateEvent = new MachineStateEvent(MachineId, at, view.State, view.Mode, view.Quality, PlcReason(tags, view.State), view.CurrentWorkOrderId);
        var last = _log.Events.Count > 0 ? _log.Events[^1] : null;
        if (last is null || !last.ContinuedBy(stateEvent))
        {
            var appended = _log.Append(stateEvent);
            if (appended.IsRefused)
            {
                appended = _log.Backfill([stateEvent]);
            }

            if (!appended.IsRefused)
            {
                _log = appended.Log;
                _newStates.Add(stateEvent);
                _revisions.Touch(stateEvent.At);
                changed = true;
            }
        }

        var sampleAt = view.Telemetry.SourceTimestamp ?? clock.GetUtcNow();
        var counted = CountFromCounters(view, sampleAt);
        HandWatchedTags(tags, sampleAt);
        if (changed)
        {
            await SaveAsync(logChanged: true);
        }
        else if (counted)
        {
            // Counters tick several times a second per machine: save them at most every few seconds. The PLC's
            // counters are cumulative, so what a crash loses is only attributed a little later, never dropped.
            _countsPending = true;
            if (clock.GetUtcNow() - _lastSave >= CountSaveInterval)
            {
                await SaveAsync(logChanged: true);
            }
        }
    }

    private async Task FlushCounts(CancellationToken cancellationToken)
    {
        _watched.Clear();
        if (_countsPending)
        {
            await SaveAsync(logChanged: true);
        }
    }

    public async Task<CommandResult> Post(ImmutableArray<MachineEventInput> events)
    {
        var s = state.State;
        if (events.IsDefaultOrEmpty)
        {
            return Refused(Refusal.Invalid("no events given"));
        }

        if (events.Length > MaxBatch)
        {
            return Refused(Refusal.Invalid($"at most {MaxBatch} events per request"));
        }

        var pri = s.Settings?.IdealCycleTimeSeconds ?? 1;
        var stateEvents = new List<MachineStateEvent>();
        var counts = new List<ProductionCount>();
        foreach (var e in events)
        {
            if (e is null || e.At == default)
            {
                return Refused(Refusal.Invalid("every event needs a time ('at')"));
            }

            if (e.State is { } st)
            {
                stateEvents.Add(new MachineStateEvent(MachineId, e.At, st, e.Mode ?? UnitMode.Production, e.Quality ?? DataQuality.Good, e.ReasonCode, e.WorkOrderId));
            }
            else if (e.Mode is not null || e.Quality is not null || e.ReasonCode is not null)
            {
                return Refused(Refusal.Invalid($"event at {e.At:O} gives a mode, quality or reason without a state"));
            }

            if (e.Good != 0 || e.Scrap != 0 || e.Rework != 0)
            {
                var seconds = e.IdealCycleTimeSeconds ?? pri;
                if (!double.IsFinite(seconds) || seconds <= 0 || seconds > 86_400)
                {
                    return Refused(Refusal.Invalid($"event at {e.At:O}: idealCycleTimeSeconds must be positive and at most one day"));
                }

                var count = new ProductionCount(MachineId, e.At, e.Good, e.Scrap, e.Rework, TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond)), e.WorkOrderId);
                if (count.Validate() is { Count: > 0 } problems)
                {
                    return Refused(Refusal.Invalid($"event at {e.At:O}: {string.Join("; ", problems)}"));
                }

                counts.Add(count);
            }

            if (e.Tags is { } tags && tags.Values.Any(v => !double.IsFinite(v)))
            {
                return Refused(Refusal.Invalid($"event at {e.At:O}: tag values must be finite numbers"));
            }
        }

        var appended = _log.Backfill(stateEvents);
        if (appended.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        _log = appended.Log;
        if (stateEvents.Count > 0 || counts.Count > 0)
        {
            _revisions.Touch(stateEvents.Select(e => e.At).Concat(counts.Select(c => c.At)).Min());
        }

        AddCounts(counts.Select(CountView.From));
        _newStates.AddRange(stateEvents);
        _newCounts.AddRange(counts);
        _newTags.AddRange(events.Where(e => e.Tags is not null).SelectMany(e => e.Tags!.Select(t => new TagSample(MachineId, t.Key, e.At, t.Value))));
        await SaveAsync(stateEvents.Count > 0 || counts.Count > 0);
        var readings = events.Where(e => e.Tags is { Count: > 0 }).Select(e => new TagReadings(e.At, e.Tags!)).ToImmutableArray();
        if (readings.Length > 0)
        {
            // Awaited: the request is answered once its tags' alarms are saved too.
            await Alarms.ObserveAll(readings);
        }

        return CommandResult.Ok(s.Version);
    }

    public async Task<CommandResult> AddPlannedStop(PlannedStopView stop)
    {
        if (stop is null)
        {
            return Refused(Refusal.Invalid("no planned stop given"));
        }

        if (stop.ToDomain().Validate() is { Count: > 0 } problems)
        {
            return Refused(Refusal.Invalid(string.Join("; ", problems)));
        }

        if (state.State.Stops.Contains(stop))
        {
            return CommandResult.Ok(state.State.Version);
        }

        state.State.Stops.Add(stop);
        // Planned time is the reader's from the window's start: any stop change makes it read everything again.
        _revisions.Touch(DateTimeOffset.MinValue);
        await SaveAsync(logChanged: true);
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<CommandResult> RemovePlannedStop(string stopId)
    {
        var index = state.State.Stops.FindIndex(s => string.Equals(s.StopId, stopId, StringComparison.Ordinal));
        if (index < 0)
        {
            return Refused(Refusal.NotFound($"machine {MachineId} has no planned stop '{stopId}'"));
        }

        state.State.Stops.RemoveAt(index);
        _revisions.Touch(DateTimeOffset.MinValue);
        await SaveAsync(logChanged: true);
        return CommandResult.Ok(state.State.Version);
    }

    public Task<ImmutableArray<PlannedStopView>> GetPlannedStops() =>
        Task.FromResult(state.State.Stops.OrderBy(s => s.Start).ToImmutableArray());

    public async Task<CommandResult> AttachReason(DateTimeOffset intervalStart, string reasonCode)
    {
        if (string.IsNullOrWhiteSpace(reasonCode))
        {
            return Refused(Refusal.Invalid("a reason code is required"));
        }

        var index = _log.Events.FindLastIndex(e => e.At == intervalStart);
        if (index < 0)
        {
            return Refused(Refusal.NotFound($"machine {MachineId} has no interval starting at {intervalStart:O}"));
        }

        var target = _log.Events[index];
        if (target.State == PackMlState.Execute)
        {
            return Refused(Refusal.Conflict($"the interval at {intervalStart:O} is production (Execute), not down time"));
        }

        var events = _log.Events.SetItem(index, target with { ReasonCode = reasonCode });
        var (log, refusal) = StateIntervalLog.Restore(MachineId, ReorderBound, events);
        if (log is null)
        {
            return Refused(refusal!);
        }

        _log = log;
        _newStates.Add(events[index]);
        _revisions.Touch(intervalStart);
        await SaveAsync(logChanged: true);
        return CommandResult.Ok(state.State.Version);
    }

    public Task<MachineLogView> GetLog(DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(Read(from, to, [.. state.State.Stops.Where(p => p.Start < to && p.End > from)]));

    public Task<MachineLogTail> GetLogTail(DateTimeOffset windowStart, DateTimeOffset from, DateTimeOffset to, Guid epoch, long revision)
    {
        var fromStart = from <= windowStart || _revisions.ChangedAtOrBefore(epoch, revision, from);
        var view = Read(fromStart ? windowStart : from, to, [.. state.State.Stops.Where(p => p.End > windowStart)]);
        return Task.FromResult(new MachineLogTail(view, fromStart, _revisions.Epoch, _revisions.Read()));
    }

    private MachineLogView Read(DateTimeOffset from, DateTimeOffset to, ImmutableArray<PlannedStopView> stops)
    {
        var s = state.State;
        var events = _log.Events;
        var first = events.FindLastIndex(e => e.At <= from);
        var selected = events.Skip(Math.Max(first, 0)).TakeWhile(e => e.At < to).Select(StateEventView.From).ToImmutableArray();

        // In time order a tail's counts are found from the newest back, not by filtering 62 days of them.
        var counts = s.Counts;
        var firstCount = 0;
        if (_countsInOrder)
        {
            firstCount = counts.Count;
            while (firstCount > 0 && counts[firstCount - 1].At >= from)
            {
                firstCount--;
            }
        }

        return new MachineLogView(
            MachineId, s.Settings?.SiteId ?? "", s.Settings?.LineId ?? "", selected,
            [.. counts.Skip(firstCount).Where(c => c.At >= from && c.At < to)],
            stops,
            s.Version);
    }

    private void AddCounts(IEnumerable<CountView> added)
    {
        var counts = state.State.Counts;
        foreach (var count in added)
        {
            _countsInOrder &= counts.Count == 0 || counts[^1].At <= count.At;
            counts.Add(count);
        }
    }

    /// <summary>Sends the alarms grain the watched tags whose value changed since last sent (none: no message).</summary>
    private void HandWatchedTags(ImmutableDictionary<string, double> tags, DateTimeOffset at)
    {
        if (state.State.Settings is not { } settings || tags.IsEmpty || (settings.Alarms.IsDefaultOrEmpty && settings.SafetyTags.IsDefaultOrEmpty))
        {
            return;
        }

        ImmutableDictionary<string, double>.Builder? changed = null;
        foreach (var tag in settings.Alarms.Select(a => a.Tag).Concat(settings.SafetyTags.Select(t => t.Tag)))
        {
            if (tags.TryGetValue(tag, out var value) && !(_watched.TryGetValue(tag, out var sent) && sent.Equals(value)))
            {
                _watched[tag] = value;
                changed ??= ImmutableDictionary.CreateBuilder<string, double>(StringComparer.OrdinalIgnoreCase);
                changed[tag] = value;
            }
        }

        if (changed is not null)
        {
            Alarms.Observe(changed.ToImmutable(), at).Ignore();
        }
    }

    // A PLC reason number on the reason tag names why the machine is not producing (see the reason tree's plcCode).
    private string? PlcReason(ImmutableDictionary<string, double> tags, PackMlState machineState) =>
        machineState != PackMlState.Execute && state.State.Settings is { } settings &&
        tags.TryGetValue(settings.ReasonTag, out var value) && double.IsFinite(value) && value == Math.Floor(value) &&
        value is >= int.MinValue and <= int.MaxValue && settings.PlcReasons.TryGetValue((int)value, out var code)
            ? code
            : null;

    private bool CountFromCounters(MachineView view, DateTimeOffset at)
    {
        var s = state.State;
        if (view.Telemetry.CountersAt is null)
        {
            return false; // the counters were never read from the machine's source: they are not its output
        }

        // The PLC's cumulative counters as increments (the first reading is a baseline, a reset counts from zero).
        var good = new PartCounter(s.LastGoodCounter, 0).Observe(view.Telemetry.GoodCount);
        var scrap = new PartCounter(s.LastScrapCounter, 0).Observe(view.Telemetry.ScrapCount);
        var goodDelta = good.Counted;
        var scrapDelta = scrap.Counted;
        s.LastGoodCounter = good.Last;
        s.LastScrapCounter = scrap.Last;
        if (goodDelta <= 0 && scrapDelta <= 0)
        {
            return false;
        }

        var pri = view.IdealCycleTimeSeconds > 0 ? view.IdealCycleTimeSeconds : 1;
        var count = new ProductionCount(MachineId, at, Math.Max(goodDelta, 0), Math.Max(scrapDelta, 0), 0,
            TimeSpan.FromTicks((long)Math.Round(pri * TimeSpan.TicksPerSecond)), view.CurrentWorkOrderId);
        if (count.Validate().Count > 0)
        {
            return false;
        }

        // Counter increments arrive with every telemetry change; within one minute they are added to the same
        // record (same order and PRI), so the stored counts stay at one per minute and order at most.
        var bucket = CountView.From(count);
        var lastIndex = s.Counts.Count - 1;
        if (lastIndex >= 0 && s.Counts[lastIndex] is { } previous && previous.WorkOrderId == bucket.WorkOrderId &&
            previous.IdealCycleTimeTicks == bucket.IdealCycleTimeTicks && previous.At <= bucket.At && bucket.At - previous.At < TimeSpan.FromMinutes(1) &&
            previous.At.UtcTicks / TimeSpan.TicksPerMinute == bucket.At.UtcTicks / TimeSpan.TicksPerMinute)
        {
            s.Counts[lastIndex] = previous with { Good = previous.Good + bucket.Good, Scrap = previous.Scrap + bucket.Scrap };
            _revisions.Touch(previous.At);
            // The bucket's row in the historian is the same row with the new totals.
            var pending = _newCounts.FindLastIndex(c => c.At == previous.At && c.WorkOrderId == previous.WorkOrderId && c.IdealCycleTime.Ticks == previous.IdealCycleTimeTicks);
            if (pending >= 0)
            {
                _newCounts.RemoveAt(pending);
            }

            _newCounts.Add(s.Counts[lastIndex].ToDomain(MachineId));
        }
        else
        {
            AddCounts([bucket]);
            _newCounts.Add(count);
            _revisions.Touch(bucket.At);
        }

        return true;
    }

    /// <summary>Compacts, saves, then publishes. Nothing is published that was not saved first.</summary>
    private async Task SaveAsync(bool logChanged)
    {
        var s = state.State;
        var horizon = clock.GetUtcNow() - Retention;
        _log = _log.Compact(horizon);
        s.Events = [.. _log.Events.Select(StateEventView.From)];
        s.Counts.RemoveAll(c => c.At < horizon);
        s.Stops.RemoveAll(p => p.End < horizon);

        s.Version++;
        try
        {
            await state.SaveOrRestoreAsync(this);
        }
        catch (StateNotStoredException)
        {
            // Memory was put back to what storage holds: the past may differ from what any reader saw.
            _revisions.Touch(DateTimeOffset.MinValue);
            _countsInOrder = false;
            throw;
        }

        _countsPending = false;
        _lastSave = clock.GetUtcNow();
        await AppendHistoryAsync();
        if (logChanged && s.Settings is { } settings)
        {
            GrainFactory.GetGrain<IPlantFeedGrain>(settings.SiteId).Publish(new MachineLogChanged(settings.SiteId, settings.LineId, MachineId, s.Version)).Ignore();
        }
    }

    /// <summary>
    /// Appends what the log gained since the last append. A failure is logged and the rows kept for the next save:
    /// the grain's log stays the record until it moves, and the start-up migration appends it again (idempotently).
    /// </summary>
    private async Task AppendHistoryAsync()
    {
        if (_history is null || (_newStates.Count == 0 && _newCounts.Count == 0 && _newTags.Count == 0))
        {
            return;
        }

        try
        {
            await _history.AppendAsync(new HistoryBatch([.. _newTags], [.. _newStates], [.. _newCounts]));
            _newTags.Clear();
            _newStates.Clear();
            _newCounts.Clear();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogHistoryFailed(logger, e, MachineId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "machine {MachineId}: its log changes could not be appended to the historian; tried again on the next save")]
    private static partial void LogHistoryFailed(ILogger logger, Exception error, string machineId);

    private CommandResult Refused(Refusal refusal) => CommandResult.Refused(refusal, state.State.Version);
}
