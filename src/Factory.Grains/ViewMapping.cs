using Factory.Domain.People;

namespace Factory.Grains;

/// <summary>Turns domain records into the wire views screens see, and views back into domain records for rules.</summary>
internal static class ViewMapping
{
    public static WorkOrderView ToView(this WorkOrder order, long version) => new(
        order.Id, order.SiteId, order.Product, order.Quantity, order.DueDate, order.Priority,
        order.Operations.Select(o => new OperationView(
            o.Sequence, o.Name, o.Capability, o.Skill, o.MinSkillLevel, o.StandardDuration.TotalSeconds,
            o.AllowedMachines.IsDefault ? [] : o.AllowedMachines,
            o.Assignment?.MachineId, o.Assignment?.WorkerId, o.Assignment?.Pinned ?? false, o.Status)).ToImmutableArray(),
        order.IsDone,
        version);

    public static Worker ToWorker(this WorkerView view) => new(
        view.Id, view.SiteId, view.Name, view.Skills,
        view.Certifications.Select(c => new Certification(c.Skill, c.ValidUntil)).ToImmutableArray(),
        view.Shift, view.ClockedIn);

    public static MachineDefinition ToDefinition(this MachineView view) => new(
        view.Id, view.SiteId, view.LineId, view.Name, view.Capabilities,
        TimeSpan.FromSeconds(view.IdealCycleTimeSeconds), view.HoldExtensions);
}
