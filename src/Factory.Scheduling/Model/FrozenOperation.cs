namespace Factory.Scheduling.Model;

/// <summary>An operation that is already running (or done): solvers must keep it exactly as given.</summary>
/// <param name="OperationId">Id of the operation.</param>
/// <param name="MachineId">Machine it runs on.</param>
/// <param name="WorkerId">Worker running it, or null.</param>
/// <param name="Start">Start time.</param>
/// <param name="End">End time.</param>
public sealed record FrozenOperation(string OperationId, string MachineId, string? WorkerId, long Start, long End);
