using Factory.Domain.Alarms;

namespace Factory.Domain.Oee;

/// <summary>
/// The alarm that came with a stop: one of its machine's alarms activated at about the time the stop began (the PLC raises
/// the fault and drops out of Execute in the same scan, but the two may reach us a little apart). It links a corrective
/// maintenance order made from the stop to its cause.
/// </summary>
public static class StopAlarm
{
    /// <summary>How long before the stop's start an alarm's activation still counts as its cause.</summary>
    public static readonly TimeSpan Before = TimeSpan.FromMinutes(1);

    /// <summary>How long after the stop's start an activation still counts (the reorder bound of live events).</summary>
    public static readonly TimeSpan After = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The id of the alarm of <paramref name="machineId"/> activated closest to <paramref name="stopStart"/> within
    /// [start − <see cref="Before"/>, start + <see cref="After"/>], one at or before the start winning a tie; null when none was.
    /// </summary>
    public static string? Of(string machineId, DateTimeOffset stopStart, IEnumerable<AlarmEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return history
            .Where(e => e.MachineId == machineId && e.Action == AlarmAction.Activated && e.At >= stopStart - Before && e.At <= stopStart + After)
            .OrderBy(e => (e.At - stopStart).Duration())
            .ThenBy(e => e.At > stopStart)
            .Select(e => e.AlarmId)
            .FirstOrDefault();
    }
}
