namespace Factory.Scheduling.Plans;

/// <summary>Where a maintenance task was placed in a plan.</summary>
/// <param name="TaskId">Id of the task.</param>
/// <param name="MachineId">Machine it stops.</param>
/// <param name="WorkerId">Worker booked for it, or null when it needs none.</param>
/// <param name="Start">Chosen start.</param>
/// <param name="End">End (exclusive).</param>
public sealed record ScheduledMaintenance(string TaskId, string MachineId, string? WorkerId, long Start, long End);
