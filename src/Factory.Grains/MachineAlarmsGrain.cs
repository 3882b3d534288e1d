using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Safety;
using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains;

/// <summary>
/// One machine's alarms and safety stops. Thin: the rules are <see cref="Alarm"/>, <see cref="AndonCall"/> and
/// <see cref="SafetyStops"/>; this grain keeps their state, bounds it, saves it and then publishes what changed.
/// </summary>
public sealed class MachineAlarmsGrain(
    [PersistentState("machine-alarms", StorageNames.Plant)] IPersistentState<MachineAlarmsState> state,
    PlantClock clock) : Grain, IMachineAlarmsGrain
{
    private const int MaxAlarmHistory = 20_000;
    private const int MaxSafetyEvents = 5_000;
    private const int MaxReadings = 10_000;

    private IGrainTimer? _shelfTimer;

    private string MachineId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ScheduleShelfExpiry();
        return Task.CompletedTask;
    }

    public async Task Configure(MachineLogSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var s = state.State;
        if (s.Settings == settings)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var byId = s.Alarms.ToDictionary(a => a.Id, StringComparer.Ordinal);
        s.Alarms = [.. settings.Alarms.Select(d => byId.TryGetValue(d.Id, out var alarm)
            ? alarm with { Definition = d.ToDomain() }
            : Alarm.New(d.ToDomain(), now))];
        s.Settings = settings;
        await SaveAsync([]);
        ScheduleShelfExpiry();
    }

    public async Task Observe(ImmutableDictionary<string, double> tags, DateTimeOffset at)
    {
        var published = new List<PlantEvent>();
        ObserveTags(tags, at, published);
        if (published.Count > 0)
        {
            await SaveAsync(published);
            ScheduleShelfExpiry();
        }
    }

    public async Task ObserveAll(ImmutableArray<TagReadings> readings)
    {
        if (readings.IsDefaultOrEmpty)
        {
            return;
        }

        if (readings.Length > MaxReadings)
        {
            throw new ArgumentException($"at most {MaxReadings} readings at once", nameof(readings));
        }

        var published = new List<PlantEvent>();
        foreach (var reading in readings.OrderBy(r => r.At))
        {
            ObserveTags(reading.Values, reading.At, published);
        }

        if (published.Count > 0)
        {
            await SaveAsync(published);
            ScheduleShelfExpiry();
        }
    }

    public async Task TakeOver(AlarmsHandover handover)
    {
        ArgumentNullException.ThrowIfNull(handover);
        var s = state.State;
        if (s.AlarmHistory.Count > 0 || s.SafetyEvents.Count > 0)
        {
            return;
        }

        var settings = handover.Settings ?? s.Settings;
        var kept = handover.Alarms.IsDefault ? [] : handover.Alarms.ToDictionary(a => a.Id, StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        if (settings is not null)
        {
            s.Settings = settings;
            s.Alarms = [.. settings.Alarms.Select(d => kept.TryGetValue(d.Id, out var alarm)
                ? alarm.ToDomain(d.ToDomain())
                : Alarm.New(d.ToDomain(), now))];
        }

        s.AlarmHistory = handover.History.IsDefault ? [] : [.. handover.History.OrderBy(e => e.At)];
        s.SafetyEvents = handover.SafetyEvents.IsDefault ? [] : [.. handover.SafetyEvents.OrderBy(e => e.Start)];
        await SaveAsync([]);
        ScheduleShelfExpiry();
    }

    public Task<ImmutableArray<AlarmView>> GetAlarms() => Task.FromResult(state.State.Alarms.Select(AlarmView.From).ToImmutableArray());

    public Task<ImmutableArray<AlarmEventView>> GetAlarmHistory(DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.AlarmHistory.Where(e => (from is null || e.At >= from) && (to is null || e.At < to)).ToImmutableArray());

    public Task<CommandResult> Acknowledge(string alarmId, string user, string? comment) =>
        Operate(alarmId, (a, now) => a.Acknowledge(user, now, comment));

    public Task<CommandResult> Shelve(string alarmId, string user, string reason, DateTimeOffset until) =>
        Operate(alarmId, (a, now) => a.Shelve(user, reason, until, now));

    public Task<CommandResult> Unshelve(string alarmId, string user, string? comment) =>
        Operate(alarmId, (a, now) => a.Unshelve(user, now, comment));

    public Task<CommandResult> Reset(string alarmId, string user, string? comment) =>
        Operate(alarmId, (a, now) => a.Reset(user, now, comment));

    public Task<CommandResult> Suppress(string alarmId, string who, string reason) =>
        Operate(alarmId, (a, now) => a.Suppress(who, reason, now));

    public Task<CommandResult> Unsuppress(string alarmId, string who, string? why) =>
        Operate(alarmId, (a, now) => a.Unsuppress(who, now, why));

    public Task<CommandResult> RemoveFromService(string alarmId, string user, string reason) =>
        Operate(alarmId, (a, now) => a.RemoveFromService(user, reason, now));

    public Task<CommandResult> ReturnToService(string alarmId, string user, string? comment) =>
        Operate(alarmId, (a, now) => a.ReturnToService(user, now, comment));

    public Task<CommandResult> PullAndon(string alarmId, string user, string? note) =>
        Operate(alarmId, (a, now) => AndonCall.Pull(a, user, note, now));

    public Task<CommandResult> AnswerAndon(string alarmId, string user) =>
        Operate(alarmId, (a, now) => AndonCall.Answer(a, user, now));

    public Task<ImmutableArray<SafetyEventView>> GetSafetyEvents(DateTimeOffset? from, DateTimeOffset? to) =>
        Task.FromResult(state.State.SafetyEvents
            .Where(e => (to is null || e.Start < to) && (from is null || e.End is null || e.End > from))
            .ToImmutableArray());

    private async Task<CommandResult> Operate(string alarmId, Func<Alarm, DateTimeOffset, AlarmTransition> operation)
    {
        var s = state.State;
        var index = s.Alarms.FindIndex(a => string.Equals(a.Id, alarmId, StringComparison.Ordinal));
        if (index < 0)
        {
            return CommandResult.Refused(Refusal.NotFound($"alarm '{alarmId}' does not exist on machine {MachineId}"), s.Version);
        }

        var transition = operation(s.Alarms[index], clock.GetUtcNow());
        if (transition.Refusal is { } refusal)
        {
            return CommandResult.Refused(refusal, s.Version);
        }

        var published = new List<PlantEvent>();
        Apply(index, transition, published);
        await SaveAsync(published);
        ScheduleShelfExpiry();
        return CommandResult.Ok(transition.Alarm.Version);
    }

    private void Apply(int index, AlarmTransition transition, List<PlantEvent> published)
    {
        var s = state.State;
        s.Alarms[index] = transition.Alarm;
        if (transition.Events.IsDefaultOrEmpty)
        {
            return;
        }

        var events = transition.Events.Select(AlarmEventView.Of).ToImmutableArray();
        s.AlarmHistory.AddRange(events);
        published.Add(new AlarmChanged(s.Settings?.SiteId ?? "", s.Settings?.LineId ?? "", AlarmView.From(transition.Alarm), events));
    }

    private void ObserveTags(ImmutableDictionary<string, double> tags, DateTimeOffset at, List<PlantEvent> published)
    {
        var s = state.State;
        if (s.Settings is not { } settings || tags is null || tags.IsEmpty)
        {
            return;
        }

        foreach (var definition in settings.Alarms)
        {
            var index = s.Alarms.FindIndex(a => a.Id == definition.Id);
            if (index >= 0 && tags.TryGetValue(definition.Tag, out var value))
            {
                var transition = s.Alarms[index].Observe(definition.ToCondition(), value, at);
                if (!transition.IsRefused)
                {
                    Apply(index, transition, published);
                }
            }
        }

        foreach (var safety in settings.SafetyTags)
        {
            if (!tags.TryGetValue(safety.Tag, out var value))
            {
                continue;
            }

            var openIndex = s.SafetyEvents.FindLastIndex(e => e.Source == safety.Tag && e.End is null);
            var open = openIndex >= 0 ? s.SafetyEvents[openIndex].ToDomain() : null;
            if (SafetyStops.Track(open, MachineId, safety.Kind, safety.Tag, value != 0, at) is { } tracked)
            {
                var view = SafetyEventView.From(tracked);
                if (openIndex >= 0)
                {
                    s.SafetyEvents[openIndex] = view;
                }
                else
                {
                    s.SafetyEvents.Add(view);
                }

                published.Add(new SafetyEventRaised(settings.SiteId, settings.LineId, view, s.Version + 1));
            }
        }
    }

    private void ScheduleShelfExpiry()
    {
        _shelfTimer?.Dispose();
        _shelfTimer = null;
        var next = state.State.Alarms.Where(a => a.State == AlarmState.Shelved && a.ShelvedUntil is not null).Min(a => a.ShelvedUntil);
        if (next is not { } until)
        {
            return;
        }

        var due = until - clock.GetUtcNow();
        _shelfTimer = this.RegisterGrainTimer(
            LiftExpiredShelves,
            new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task LiftExpiredShelves(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var published = new List<PlantEvent>();
        for (var i = 0; i < state.State.Alarms.Count; i++)
        {
            var transition = state.State.Alarms[i].Evaluate(now);
            if (!transition.IsRefused && !transition.Events.IsDefaultOrEmpty)
            {
                Apply(i, transition, published);
            }
        }

        if (published.Count > 0)
        {
            await SaveAsync(published);
        }

        ScheduleShelfExpiry();
    }

    /// <summary>Bounds the history, saves, then publishes. Nothing is published that was not saved first.</summary>
    private async Task SaveAsync(List<PlantEvent> published)
    {
        var s = state.State;
        var horizon = clock.GetUtcNow() - MachineLogGrain.Retention;
        s.AlarmHistory.RemoveAll(e => e.At < horizon);
        if (s.AlarmHistory.Count > MaxAlarmHistory)
        {
            s.AlarmHistory.RemoveRange(0, s.AlarmHistory.Count - MaxAlarmHistory);
        }

        s.SafetyEvents.RemoveAll(e => e.End < horizon);
        if (s.SafetyEvents.Count > MaxSafetyEvents)
        {
            s.SafetyEvents.RemoveRange(0, s.SafetyEvents.Count - MaxSafetyEvents);
        }

        s.Version++;
        await state.SaveOrRestoreAsync(this);
        if (s.Settings is not { } settings || published.Count == 0)
        {
            return;
        }

        var feed = GrainFactory.GetGrain<IPlantFeedGrain>(settings.SiteId);
        foreach (var e in published)
        {
            feed.Publish(e).Ignore();
        }
    }
}
