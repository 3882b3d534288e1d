using Factory.Domain.Oee;
using Factory.Domain.PackMl;

namespace Factory.Domain.Alarms;

/// <summary>
/// The andon: each machine has one ISA-18.2 alarm per <see cref="AndonKind"/>, raised when an operator pulls it
/// and cleared when the call is answered; acknowledged like any other alarm. Because it is an ordinary alarm it
/// shows wherever alarms show and is counted by the alarm analytics.
/// </summary>
public static class AndonCall
{
    /// <summary>Longest note an operator may attach to a call.</summary>
    public const int MaxNoteLength = 500;

    /// <summary>The source every andon alarm names (no PLC tag: the button on the station is the condition).</summary>
    public const string SourcePrefix = "andon:";

    /// <summary>The alarm id of <paramref name="kind"/> on <paramref name="machineId"/>, e.g. <c>CNC-01.andon.quality</c>.</summary>
    public static string AlarmId(string machineId, AndonKind kind) => $"{machineId}.andon.{Code(kind)}";

    /// <summary>The lower-case word of a kind, as used in alarm ids, reason codes and the API.</summary>
    public static string Code(AndonKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Quality and maintenance calls stop good output or the machine: High; material and help: Medium.</summary>
    public static AlarmPriority Priority(AndonKind kind) => kind is AndonKind.Quality or AndonKind.Maintenance ? AlarmPriority.High : AlarmPriority.Medium;

    /// <summary>The andon kind of an alarm id, or null when the alarm is not an andon call.</summary>
    public static AndonKind? KindOf(string machineId, string alarmId) =>
        Enum.GetValues<AndonKind>().Cast<AndonKind?>().FirstOrDefault(k => AlarmId(machineId, k!.Value) == alarmId);

    /// <summary>The alarm definition of one kind on one machine (not latched: clearing the call ends it once acknowledged).</summary>
    public static AlarmDefinition Definition(string machineId, string area, AndonKind kind) =>
        new(AlarmId(machineId, kind), machineId, area, SourcePrefix + Code(kind), Priority(kind), Latched: false,
            $"Andon: {kind.ToString().ToLowerInvariant()} called at {machineId}");

    /// <summary>
    /// Pulls the andon: activates the alarm with who called and the note as its reason. Refused when that call is
    /// already open (one open call per kind), or the note is too long.
    /// </summary>
    public static AlarmTransition Pull(Alarm alarm, string user, string? note, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (string.IsNullOrWhiteSpace(user))
        {
            return new AlarmTransition(alarm, [], Refusal.Invalid("an andon call needs a named user"));
        }

        if (note is { Length: > MaxNoteLength })
        {
            return new AlarmTransition(alarm, [], Refusal.Invalid($"an andon note is at most {MaxNoteLength} characters"));
        }

        return alarm.ConditionActive
            ? new AlarmTransition(alarm, [], Refusal.Conflict($"{alarm.Definition.Message}: the call is already open since {alarm.ActiveSince:O}"))
            : alarm.Activate(at, string.IsNullOrWhiteSpace(note) ? $"called by {user}" : $"called by {user}: {note}");
    }

    /// <summary>Answers the call: the alarm's condition clears (it still needs acknowledging if nobody has).</summary>
    public static AlarmTransition Answer(Alarm alarm, string user, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return alarm.ConditionActive
            ? alarm.Clear(at, $"answered by {user}")
            : new AlarmTransition(alarm, [], Refusal.Conflict($"{alarm.Definition.Message}: there is no open call"));
    }

    /// <summary>
    /// The downtime rule: a call pulled while the machine is stopped explains that stop when the stop has no reason
    /// yet and the site's reason tree has a reason whose code is the kind's word (<see cref="Code"/>), so the stop is
    /// counted under it in the Pareto from the stop's own start. Null (nothing attached) otherwise: the machine is
    /// running, the stop is explained already, or the tree has no such reason.
    /// </summary>
    public static string? StopReason(AndonKind kind, MachineStateEvent? current, DowntimeReasonTree reasons)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        if (current is null || current.State == PackMlState.Execute || current.ReasonCode is not null)
        {
            return null;
        }

        return reasons.Find(Code(kind))?.Code;
    }
}
