namespace Factory.Scheduling.Model;

/// <summary>
/// Planned maintenance the planner places: it takes its machine out of production for <see cref="Duration"/>, somewhere
/// inside <see cref="Due"/>, and (when <see cref="Skill"/> is set) needs a worker holding that skill for the same time.
/// </summary>
/// <param name="Id">Unique task id (the maintenance order's id).</param>
/// <param name="MachineId">Machine it stops.</param>
/// <param name="Duration">How long it takes (positive).</param>
/// <param name="Due">The window it must lie inside: it starts at or after <see cref="TimeWindow.From"/> and ends by <see cref="TimeWindow.To"/>.</param>
/// <param name="Skill">Skill its worker needs (e.g. "electrician"), or null when it needs no worker.</param>
/// <param name="MinLevel">Minimum level of <paramref name="Skill"/>.</param>
public sealed record MaintenanceTask(string Id, string MachineId, long Duration, TimeWindow Due, string? Skill = null, int MinLevel = 1)
{
    /// <summary>True when a worker must be booked.</summary>
    public bool NeedsWorker => Skill is not null;

    /// <summary>Latest end <paramref name="worker"/>'s certification allows for this task (long.MaxValue if it never expires), or null if not qualified.</summary>
    public long? CertifiedUntil(ShiftWorker worker)
    {
        ArgumentNullException.ThrowIfNull(worker);
        return worker.CertifiedUntil(Skill, MinLevel);
    }
}
