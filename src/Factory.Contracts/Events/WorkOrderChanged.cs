using Factory.Contracts.Views;

namespace Factory.Contracts.Events;

/// <summary>A work order was created or changed (assignment, progress).</summary>
[GenerateSerializer, Immutable, Alias("factory.work-order-changed")]
public sealed record WorkOrderChanged([property: Id(0)] WorkOrderView WorkOrder)
    : PlantEvent(WorkOrder.SiteId, WorkOrder.Id, WorkOrder.Version)
{
    public override string Kind => "workOrderChanged";
}
