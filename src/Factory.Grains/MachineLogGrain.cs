using Factory.Contracts.Production;
using Factory.Domain.History;
using Factory.Domain.Oee;
using Factory.Domain.Production;
using Factory.Grains.History;
using Factory.Grains.Production;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Factory.Grains;

/// <summary>
/// One machine's production record: state interval log, counts and planned stops.
/// Thin: the rules are <see cref="ProductionRecord"/>'s; this grain loads it, calls it, saves it, appends what it
/// gained to the historian and publishes what changed. KPIs are computed from its log by the caller (pure functions),
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
    public static readonly TimeSpan Retention = ProductionRecord.Retention;

    private ProductionRecord _record = null!;

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

    private DateTimeOffset _lastSave;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(FlushCounts, new GrainTimerCreationOptions(CountSaveInterval, CountSaveInterval));
        _record = state.State.ToRecord(MachineId);
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
        var at = view.StateSince > view.QualitySince ? view.StateSince : view.QualitySince;
        var tags = TagValues.Of(view.Telemetry);
        var reason = state.State.Settings is { } settings ? ProductionRecord.PlcReason(tags, view.State, settings.ReasonTag, settings.PlcReasons) : null;
        var changed = _record.Observe(new MachineStateEvent(MachineId, at, view.State, view.Mode, view.Quality, reason, view.CurrentWorkOrderId));

        var sampleAt = view.Telemetry.SourceTimestamp ?? clock.GetUtcNow();

        // Counters never read from the machine's source are not its output.
        var counted = view.Telemetry.CountersAt is not null &&
            _record.CountFromCounters(view.Telemetry.GoodCount, view.Telemetry.ScrapCount, sampleAt, view.IdealCycleTimeSeconds, view.CurrentWorkOrderId);
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
        List<PostedMachineEvent?> posted = events.IsDefault ? [] : [.. events.Select(e => e?.ToDomain())];
        var change = _record.Post(posted, state.State.Settings?.IdealCycleTimeSeconds ?? 1);
        if (change.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        await SaveAsync(change.Changed);
        var readings = events.Where(e => e.Tags is { Count: > 0 }).Select(e => new TagReadings(e.At, e.Tags!)).ToImmutableArray();
        if (readings.Length > 0)
        {
            // Awaited: the request is answered once its tags' alarms are saved too.
            await Alarms.ObserveAll(readings);
        }

        return CommandResult.Ok(state.State.Version);
    }

    public Task<CommandResult> AddPlannedStop(PlannedStopView stop) => Change(_record.AddPlannedStop(stop?.ToDomain()));

    public Task<CommandResult> RemovePlannedStop(string stopId) => Change(_record.RemovePlannedStop(stopId));

    public Task<ImmutableArray<PlannedStopView>> GetPlannedStops() =>
        Task.FromResult(_record.PlannedStops().Select(PlannedStopView.From).ToImmutableArray());

    public Task<CommandResult> AttachReason(DateTimeOffset intervalStart, string reasonCode) => Change(_record.AttachReason(intervalStart, reasonCode));

    public Task<MachineLogView> GetLog(DateTimeOffset from, DateTimeOffset to) => Task.FromResult(View(_record.Read(from, to)));

    public Task<MachineLogTail> GetLogTail(DateTimeOffset windowStart, DateTimeOffset from, DateTimeOffset to, Guid epoch, long revision)
    {
        var tail = _record.Tail(windowStart, from, to, epoch, revision);
        return Task.FromResult(new MachineLogTail(View(tail.Window), tail.FromStart, tail.Epoch, tail.Revision));
    }

    private MachineLogView View(RecordWindow window)
    {
        var s = state.State;
        return new MachineLogView(
            MachineId, s.Settings?.SiteId ?? "", s.Settings?.LineId ?? "",
            [.. window.Events.Select(StateEventView.From)],
            [.. window.Counts.Select(CountView.From)],
            [.. window.Stops.Select(PlannedStopView.From)],
            s.Version);
    }

    /// <summary>Answers a command the record took: a refusal as it is, else saved (when it changed something) and its version.</summary>
    private async Task<CommandResult> Change(RecordChange change)
    {
        if (change.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (change.Changed)
        {
            await SaveAsync(logChanged: true);
        }

        return CommandResult.Ok(state.State.Version);
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

/// <summary>Compacts, saves, then publishes. Nothing is published that was not saved first.</summary>
    private async Task SaveAsync(bool logChanged)
    {
        var s = state.State;
        _record.Compact(clock.GetUtcNow());
        s.Keep(_record);
        s.Version++;
        try
        {
            await state.SaveOrRestoreAsync(this);
        }
        catch (StateNotStoredException)
        {
            // Memory was put back to what storage holds: the record is loaded from it again, under a new epoch, so
            // every reader reads it from the start (its past may differ from what any reader saw).
            _record = state.State.ToRecord(MachineId);
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
        if (_history is null || _record.Unappended is not { IsEmpty: false } batch)
        {
            return;
        }

        try
        {
            await _history.AppendAsync(batch);
            _record.Appended();
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
