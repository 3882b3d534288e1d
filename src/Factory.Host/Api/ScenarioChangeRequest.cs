namespace Factory.Host.Api;

/// <summary>
/// One change of a <see cref="ScenarioRequest"/>. <see cref="Kind"/>: <c>machineDown</c> (machineId, from, to), <c>workerAbsent</c>
/// (workerId, from, to), <c>rushOrder</c> (order: a work order as for <c>POST /workorders</c>, without siteId), <c>dueDate</c>
/// (workOrderId, dueDate), <c>priority</c> (workOrderId, priority), <c>overtime</c> (from, to, optional workerIds).
/// </summary>
public sealed record ScenarioChangeRequest(
    string? Kind,
    string? MachineId,
    string? WorkerId,
    string? WorkOrderId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    DateTimeOffset? DueDate,
    int? Priority,
    IReadOnlyList<string>? WorkerIds,
    CreateWorkOrderRequest? Order);
