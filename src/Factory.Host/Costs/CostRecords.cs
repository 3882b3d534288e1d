using Factory.Host.Production;

namespace Factory.Host.Costs;

/// <summary>The domain's work orders and plan slots from the views the grains give, runs included.</summary>
public static class CostRecords
{
    public static WorkOrder ToWorkOrder(WorkOrderView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var order = StaffRecords.ToWorkOrder(view);
        return order with
        {
            CancelledAt = view.CancelledAt,
            Operations = [.. order.Operations.Zip(view.Operations, (o, v) => o with
            {
                Runs = v.Runs.IsDefault ? [] : [.. v.Runs.Select(r => new OperationRun(r.MachineId, r.WorkerId, r.ReleasedAt, r.StartedAt, r.EndedAt, r.Good, r.Scrap, r.Outcome, r.Note))],
                EndedAt = v.EndedAt,
            })],
        };
    }

    public static IReadOnlyList<PlannedSlot> ToSlots(PlanView plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return [.. plan.Operations.Select(o => new PlannedSlot(o.WorkOrderId, o.Sequence, o.MachineId, o.WorkerId, o.Start, o.End, OperationStatus.Pending))];
    }
}
