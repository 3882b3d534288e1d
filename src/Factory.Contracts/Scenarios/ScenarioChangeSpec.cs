using Factory.Contracts.Specs;

namespace Factory.Contracts.Scenarios;

/// <summary>One change of a what-if scenario; which fields count depends on <see cref="Kind"/>.</summary>
/// <param name="MachineId">MachineDown: the machine.</param>
/// <param name="WorkerId">WorkerAbsent: the worker.</param>
/// <param name="WorkOrderId">DueDate, Priority: the work order.</param>
/// <param name="From">MachineDown, WorkerAbsent, Overtime: start of the window.</param>
/// <param name="To">MachineDown, WorkerAbsent, Overtime: end of the window.</param>
/// <param name="DueDate">DueDate: the new due date.</param>
/// <param name="Priority">Priority: the new priority.</param>
/// <param name="WorkerIds">Overtime: who may work it (empty: everyone).</param>
/// <param name="RushOrder">RushOrder: the new work order.</param>
[GenerateSerializer, Immutable, Alias("factory.scenario-change-spec")]
public sealed record ScenarioChangeSpec(
    [property: Id(0)] ScenarioChangeKind Kind,
    [property: Id(1)] string? MachineId = null,
    [property: Id(2)] string? WorkerId = null,
    [property: Id(3)] string? WorkOrderId = null,
    [property: Id(4)] DateTimeOffset? From = null,
    [property: Id(5)] DateTimeOffset? To = null,
    [property: Id(6)] DateTimeOffset? DueDate = null,
    [property: Id(7)] int? Priority = null,
    [property: Id(8)] ImmutableArray<string> WorkerIds = default,
    [property: Id(9)] WorkOrderSpec? RushOrder = null);
