namespace Factory.Grains.Dispatch;

/// <summary>What the dispatcher sees of a site when it plans.</summary>
internal sealed record PlantPicture(
    IReadOnlyList<MachineView> Machines,
    IReadOnlyList<WorkOrderView> WorkOrders,
    IReadOnlyList<WorkerView> Workers);
