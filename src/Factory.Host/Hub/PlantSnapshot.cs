namespace Factory.Host.Hub;

/// <summary>
/// What a hub client receives when it subscribes: everything in the scope with each entity's version.
/// Deltas that follow carry versions; one not newer than the snapshot's is already included.
/// </summary>
/// <param name="Scope">"site", "line" or "machine".</param>
public sealed record PlantSnapshot(
    string Scope,
    string Id,
    SiteView? Site,
    IReadOnlyList<LineView> Lines,
    IReadOnlyList<MachineView> Machines,
    IReadOnlyList<WorkOrderView> WorkOrders,
    IReadOnlyList<WorkerView> Workers);
