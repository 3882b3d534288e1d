using Factory.Contracts.Production;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// One machine's production record, keyed by machine id: the state interval log, counts, planned stops,
/// alarms and safety stops. The machine grain sends it every new view; the API posts events with their own
/// timestamps. KPIs are computed from what it returns (pure domain functions), never stored.
/// </summary>
public interface IMachineLogGrain : IGrainWithStringKey
{
    /// <summary>Sets what the log watches (alarms, safety tags) and where the machine belongs.</summary>
    Task Configure(MachineLogSettings settings);

    /// <summary>The machine's newest view (one-way, from the machine grain): state changes, counter increments, tags.</summary>
    [OneWay]
    Task Record(MachineView view);

    /// <summary>Posted events with their own timestamps; all checked first, one bad event refuses the batch.</summary>
    Task<CommandResult> Post(ImmutableArray<MachineEventInput> events);

    /// <summary>Records a planned stop (machine- or line-scoped).</summary>
    Task<CommandResult> AddPlannedStop(PlannedStopView stop);

    /// <summary>Removes the planned stop with <paramref name="stopId"/> (<see cref="PlannedStopView.StopId"/>); NotFound when there is none.</summary>
    Task<CommandResult> RemovePlannedStop(string stopId);

    /// <summary>Every planned stop the log keeps, in start order.</summary>
    Task<ImmutableArray<PlannedStopView>> GetPlannedStops();

    /// <summary>Attaches a reason code to the interval that starts exactly at <paramref name="intervalStart"/>.</summary>
    Task<CommandResult> AttachReason(DateTimeOffset intervalStart, string reasonCode);

    /// <summary>Events, counts and stops touching [from, to) (plus the event in force at <paramref name="from"/>).</summary>
    Task<MachineLogView> GetLog(DateTimeOffset from, DateTimeOffset to);

    /// <summary>
    /// The log after <paramref name="from"/> up to <paramref name="to"/> for a reader that saw revision
    /// <paramref name="revision"/> of <paramref name="epoch"/>; from <paramref name="windowStart"/> instead when anything
    /// at or before <paramref name="from"/> changed since (or the reader is new: <see cref="Guid.Empty"/>).
    /// </summary>
    Task<MachineLogTail> GetLogTail(DateTimeOffset windowStart, DateTimeOffset from, DateTimeOffset to, Guid epoch, long revision);

    /// <summary>The machine's alarms, live.</summary>
    Task<ImmutableArray<AlarmView>> GetAlarms();

    /// <summary>The alarm history between two instants (null: unbounded).</summary>
    Task<ImmutableArray<AlarmEventView>> GetAlarmHistory(DateTimeOffset? from, DateTimeOffset? to);

    /// <summary>Acknowledges an alarm as <paramref name="user"/>.</summary>
    Task<CommandResult> Acknowledge(string alarmId, string user, string? comment);

    /// <summary>Shelves an alarm until <paramref name="until"/>; it is unshelved automatically then.</summary>
    Task<CommandResult> Shelve(string alarmId, string user, string reason, DateTimeOffset until);

    /// <summary>Lifts a shelf by hand.</summary>
    Task<CommandResult> Unshelve(string alarmId, string user, string? comment);

    /// <summary>Resets a latched alarm whose condition has cleared and that was acknowledged.</summary>
    Task<CommandResult> Reset(string alarmId, string user, string? comment);

    /// <summary>Suppresses an alarm by design (ISA-18.2 Suppressed), with who decided it and why; a shelf ends.</summary>
    Task<CommandResult> Suppress(string alarmId, string who, string reason);

    /// <summary>Ends a suppression; the alarm returns to the state its condition calls for.</summary>
    Task<CommandResult> Unsuppress(string alarmId, string who, string? why);

    /// <summary>Removes an alarm from service (e.g. for instrument repair) as a named user with a reason.</summary>
    Task<CommandResult> RemoveFromService(string alarmId, string user, string reason);

    /// <summary>Returns an alarm to service.</summary>
    Task<CommandResult> ReturnToService(string alarmId, string user, string? comment);

    /// <summary>Pulls the andon whose alarm is <paramref name="alarmId"/> as <paramref name="user"/> (see <c>AndonCall.Pull</c>); 409 when that call is open already.</summary>
    Task<CommandResult> PullAndon(string alarmId, string user, string? note);

    /// <summary>Answers an open andon call: its alarm clears (see <c>AndonCall.Answer</c>); 409 when there is no open call.</summary>
    Task<CommandResult> AnswerAndon(string alarmId, string user);

    /// <summary>The safety stops that touch [from, to).</summary>
    Task<ImmutableArray<SafetyEventView>> GetSafetyEvents(DateTimeOffset? from, DateTimeOffset? to);
}
