namespace Factory.Scheduling.Model;

/// <summary>
/// A manager's fixed assignment: the operation must use this machine (and worker); its start stays free, but not
/// before <paramref name="NotBefore"/> when that is given (a Gantt bar dragged to a later time).
/// </summary>
/// <param name="OperationId">Id of the operation.</param>
/// <param name="MachineId">Machine it must run on.</param>
/// <param name="WorkerId">Worker who must run it, or null to leave the worker free.</param>
/// <param name="NotBefore">Earliest start the manager asked for, or null for "as soon as possible". A value before the
/// job's release or the plan start changes nothing: the later of them bounds the start.</param>
public sealed record PinnedOperation(string OperationId, string MachineId, string? WorkerId = null, long? NotBefore = null);
