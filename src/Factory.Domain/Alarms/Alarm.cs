namespace Factory.Domain.Alarms;

/// <summary>
/// One alarm's live state and its ISA-18.2 state machine. Immutable: every operation returns an
/// <see cref="AlarmTransition"/> with the new alarm and its events, or a refusal that changes nothing.
/// Shelved, Suppressed and OutOfService hide the annunciation but keep tracking the condition; when the alarm
/// comes back it is Unacknowledged if the condition is active (it must be seen again), else Normal.
/// A shelf whose time is up is lifted automatically by <see cref="Evaluate"/> and before any other operation.
/// </summary>
/// <param name="ActiveSince">When the condition last became active; null while it is clear.</param>
/// <param name="StateSince">When the alarm entered its current state.</param>
public sealed record Alarm(
    AlarmDefinition Definition,
    AlarmState State,
    bool ConditionActive,
    DateTimeOffset? ActiveSince,
    DateTimeOffset StateSince,
    DateTimeOffset? ShelvedUntil = null,
    string? ShelvedBy = null,
    string? ShelveReason = null,
    long Version = 0)
{
    /// <summary>The user name recorded for changes nobody made by hand.</summary>
    public const string System = "system";

    /// <summary>A new alarm in Normal.</summary>
    public static Alarm New(AlarmDefinition definition, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return new Alarm(definition, AlarmState.Normal, false, null, at);
    }

    public string Id => Definition.Id;

    /// <summary>Whether an operator sees it in the alarm list (not shelved, suppressed or out of service).</summary>
    public bool IsAnnunciated => State is AlarmState.Unacknowledged or AlarmState.Acknowledged or AlarmState.ReturnedUnacknowledged or AlarmState.Latched;

    private bool IsHidden => State is AlarmState.Shelved or AlarmState.Suppressed or AlarmState.OutOfService;

    /// <summary>
    /// Feeds the condition as a driver sees it (tag condition or PLC alarm bit): activates or clears when it
    /// changed; when it did not, nothing happens (no events, no refusal) apart from a due shelf expiry.
    /// </summary>
    public AlarmTransition Observe(bool conditionActive, DateTimeOffset at, string? why = null) =>
        conditionActive == ConditionActive ? Evaluate(at)
        : conditionActive ? Activate(at, why)
        : Clear(at, why);

    /// <summary>Feeds a tag value through <paramref name="condition"/> (see <see cref="Observe(bool, DateTimeOffset, string?)"/>).</summary>
    public AlarmTransition Observe(AlarmCondition condition, double value, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Observe(condition.IsActive(value, ConditionActive), at, FormattableString.Invariant($"value {value}"));
    }

    /// <summary>The alarm condition became active (tag condition true, PLC alarm bit set).</summary>
    public AlarmTransition Activate(DateTimeOffset at, string? why = null) => Apply(at, alarm =>
    {
        if (alarm.ConditionActive)
        {
            return Refuse($"alarm {alarm.Id} is already active");
        }

        var to = alarm.IsHidden ? alarm.State : AlarmState.Unacknowledged;
        return (alarm with { ConditionActive = true, ActiveSince = at }).Move(at, System, AlarmAction.Activated, to, why);
    });

    /// <summary>The alarm condition cleared.</summary>
    public AlarmTransition Clear(DateTimeOffset at, string? why = null) => Apply(at, alarm =>
    {
        if (!alarm.ConditionActive)
        {
            return Refuse($"alarm {alarm.Id} is not active");
        }

        var to = alarm.State switch
        {
            AlarmState.Unacknowledged => AlarmState.ReturnedUnacknowledged,
            AlarmState.Acknowledged => alarm.Definition.Latched ? AlarmState.Latched : AlarmState.Normal,
            _ => alarm.State,
        };
        return (alarm with { ConditionActive = false, ActiveSince = null }).Move(at, System, AlarmAction.Cleared, to, why);
    });

    /// <summary>A named user acknowledges the alarm.</summary>
    public AlarmTransition Acknowledge(string user, DateTimeOffset at, string? comment = null) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return Invalid("acknowledging needs a named user");
        }

        return alarm.State switch
        {
            AlarmState.Unacknowledged => alarm.Move(at, user, AlarmAction.Acknowledged, AlarmState.Acknowledged, comment),
            AlarmState.ReturnedUnacknowledged => alarm.Move(at, user, AlarmAction.Acknowledged, alarm.Definition.Latched ? AlarmState.Latched : AlarmState.Normal, comment),
            _ => Refuse($"alarm {alarm.Id} is {alarm.State}: there is nothing to acknowledge"),
        };
    });

    /// <summary>A named user resets a latched alarm whose condition has cleared.</summary>
    public AlarmTransition Reset(string user, DateTimeOffset at, string? comment = null) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return Invalid("resetting needs a named user");
        }

        return alarm.State == AlarmState.Latched
            ? alarm.Move(at, user, AlarmAction.Reset, AlarmState.Normal, comment)
            : Refuse($"alarm {alarm.Id} is {alarm.State}, not latched: there is nothing to reset");
    });

    /// <summary>A named user shelves the alarm until <paramref name="until"/> (at most the definition's limit), with a reason.</summary>
    public AlarmTransition Shelve(string user, string reason, DateTimeOffset until, DateTimeOffset at) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(reason))
        {
            return Invalid("shelving needs a named user and a reason");
        }

        if (until <= at)
        {
            return Invalid($"a shelf must end in the future (until {until:O} is not after {at:O})");
        }

        if (until - at > alarm.Definition.ShelveLimit)
        {
            return Invalid($"alarm {alarm.Id} may be shelved for at most {alarm.Definition.ShelveLimit}");
        }

        if (alarm.IsHidden)
        {
            return Refuse($"alarm {alarm.Id} is {alarm.State} and cannot be shelved");
        }

        return (alarm with { ShelvedUntil = until, ShelvedBy = user, ShelveReason = reason })
            .Move(at, user, AlarmAction.Shelved, AlarmState.Shelved, reason);
    });

    /// <summary>A named user lifts the shelf before its time.</summary>
    public AlarmTransition Unshelve(string user, DateTimeOffset at, string? comment = null) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return Invalid("unshelving needs a named user");
        }

        return alarm.State == AlarmState.Shelved
            ? alarm.Return(at, user, AlarmAction.Unshelved, comment)
            : Refuse($"alarm {alarm.Id} is {alarm.State}, not shelved");
    });

    /// <summary>Suppression by design (e.g. the machine entered a state where the alarm means nothing).</summary>
    public AlarmTransition Suppress(string who, string reason, DateTimeOffset at) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(who) || string.IsNullOrWhiteSpace(reason))
        {
            return Invalid("suppressing needs who (a user or the design rule) and a reason");
        }

        return alarm.State is AlarmState.Suppressed or AlarmState.OutOfService
            ? Refuse($"alarm {alarm.Id} is {alarm.State} and cannot be suppressed")
            : alarm.Unshelved().Move(at, who, AlarmAction.Suppressed, AlarmState.Suppressed, reason);
    });

    /// <summary>Ends suppression by design.</summary>
    public AlarmTransition Unsuppress(string who, DateTimeOffset at, string? why = null) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(who))
        {
            return Invalid("unsuppressing needs who");
        }

        return alarm.State == AlarmState.Suppressed
            ? alarm.Return(at, who, AlarmAction.Unsuppressed, why)
            : Refuse($"alarm {alarm.Id} is {alarm.State}, not suppressed");
    });

    /// <summary>A named user removes the alarm from service, with a reason.</summary>
    public AlarmTransition RemoveFromService(string user, string reason, DateTimeOffset at) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(reason))
        {
            return Invalid("removing from service needs a named user and a reason");
        }

        return alarm.State == AlarmState.OutOfService
            ? Refuse($"alarm {alarm.Id} is already out of service")
            : alarm.Unshelved().Move(at, user, AlarmAction.RemovedFromService, AlarmState.OutOfService, reason);
    });

    /// <summary>A named user returns the alarm to service.</summary>
    public AlarmTransition ReturnToService(string user, DateTimeOffset at, string? comment = null) => Apply(at, alarm =>
    {
        if (string.IsNullOrWhiteSpace(user))
        {
            return Invalid("returning to service needs a named user");
        }

        return alarm.State == AlarmState.OutOfService
            ? alarm.Return(at, user, AlarmAction.ReturnedToService, comment)
            : Refuse($"alarm {alarm.Id} is {alarm.State}, not out of service");
    });

    /// <summary>Lifts a shelf whose time is up; no events when nothing is due. Call it from a timer with the current time.</summary>
    public AlarmTransition Evaluate(DateTimeOffset now)
    {
        var (alarm, events) = Expire(now);
        return new AlarmTransition(alarm, events, null);
    }

    private (Alarm Alarm, ImmutableArray<AlarmEvent> Events) Expire(DateTimeOffset at)
    {
        if (State != AlarmState.Shelved || ShelvedUntil is not { } until || at < until)
        {
            return (this, ImmutableArray<AlarmEvent>.Empty);
        }

        var step = Return(until, System, AlarmAction.ShelfExpired, $"shelf by {ShelvedBy} expired");
        return (step.Alarm, [step.Event]);
    }

    private AlarmTransition Apply(DateTimeOffset at, Func<Alarm, Step> operation)
    {
        var (expired, events) = Expire(at);
        var step = operation(expired);
        return step.Refusal is not null
            ? new AlarmTransition(this, ImmutableArray<AlarmEvent>.Empty, step.Refusal)
            : new AlarmTransition(step.Alarm, events.Add(step.Event), null);
    }

    // Back from a hidden state: an active condition must be seen (and acknowledged) again.
    private Step Return(DateTimeOffset at, string who, AlarmAction action, string? why) =>
        Unshelved().Move(at, who, action, ConditionActive ? AlarmState.Unacknowledged : AlarmState.Normal, why);

    private Alarm Unshelved() => this with { ShelvedUntil = null, ShelvedBy = null, ShelveReason = null };

    private Step Move(DateTimeOffset at, string who, AlarmAction action, AlarmState to, string? why)
    {
        var changed = to != State;
        var alarm = this with { State = to, StateSince = changed ? at : StateSince, Version = Version + 1 };
        var alarmEvent = new AlarmEvent(Definition.Id, Definition.MachineId, Definition.Area, Definition.Priority, at, who, action, State, to, why);
        return new Step(alarm, alarmEvent, null);
    }

    private static Step Refuse(string reason) => new(null!, null!, Refusal.Conflict(reason));

    private static Step Invalid(string reason) => new(null!, null!, Refusal.Invalid(reason));

    private sealed record Step(Alarm Alarm, AlarmEvent Event, Refusal? Refusal);
}
