using Factory.Contracts.Production;
using Factory.Contracts.Views;

namespace Factory.Contracts.Grains;

/// <summary>
/// One machine's alarms (ISA-18.2) and safety stops, keyed by machine id. Kept apart from the machine's production
/// log (<see cref="IMachineLogGrain"/>) so an operator's acknowledge never waits behind counter writes, and the log
/// never loads alarm history it does not use. The log forwards the tags these alarms watch when they change.
/// </summary>
public interface IMachineAlarmsGrain : IGrainWithStringKey
{
    /// <summary>Sets the alarms and safety tags the machine has (from the plant file); an alarm kept by id keeps its state.</summary>
    Task Configure(MachineLogSettings settings);

    /// <summary>Watched tag values at <paramref name="at"/> (one-way, from the machine's log when one changed).</summary>
    [OneWay]
    Task Observe(ImmutableDictionary<string, double> tags, DateTimeOffset at);

    /// <summary>Posted tag values in time order (acknowledged: the caller's request waits until they are saved).</summary>
    Task ObserveAll(ImmutableArray<TagReadings> readings);

    /// <summary>
    /// Takes over alarms, their history and safety stops that an older version kept in the machine's log. Ignored once
    /// this grain has a history of its own, so a handover repeated after a crash does not overwrite newer state.
    /// </summary>
    Task TakeOver(AlarmsHandover handover);

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
