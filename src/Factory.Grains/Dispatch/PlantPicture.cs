namespace Factory.Grains.Dispatch;

/// <summary>What the dispatcher sees of a site when it plans.</summary>
/// <param name="MaintenanceWindows">Planned maintenance orders' windows: each machine is down in them (none when null).</param>
/// <param name="MaintenanceToPlace">Due maintenance orders without a window: the planner places them (none when null).</param>
internal sealed record PlantPicture(
    IReadOnlyList<MachineView> Machines,
    IReadOnlyList<WorkOrderView> WorkOrders,
    IReadOnlyList<WorkerView> Workers,
    IReadOnlyList<Factory.Contracts.Production.PlannedStopView>? MaintenanceWindows = null,
    IReadOnlyList<Factory.Contracts.Maintenance.MaintenanceToPlace>? MaintenanceToPlace = null);
