namespace Factory.Scheduling.Plans;

/// <summary>Where and when one operation runs in a plan.</summary>
/// <param name="OperationId">Id of the operation.</param>
/// <param name="JobId">Id of its job.</param>
/// <param name="MachineId">Machine it runs on.</param>
/// <param name="WorkerId">Worker running it, or null when none is needed.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time (exclusive).</param>
public sealed record ScheduledOperation(string OperationId, string JobId, string MachineId, string? WorkerId, long Start, long End);
