namespace Factory.Scheduling.Model;

/// <summary>A manager's fixed assignment: the operation must use this machine (and worker), its start stays free.</summary>
/// <param name="OperationId">Id of the operation.</param>
/// <param name="MachineId">Machine it must run on.</param>
/// <param name="WorkerId">Worker who must run it, or null to leave the worker free.</param>
public sealed record PinnedOperation(string OperationId, string MachineId, string? WorkerId = null);
