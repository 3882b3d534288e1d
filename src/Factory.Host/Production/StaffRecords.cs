using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Domain.People;
using Factory.Domain.Staff;
using Factory.Grains;

namespace Factory.Host.Production;

/// <summary>
/// Builds the staff views' inputs from the running system: domain workers and work orders from their views, and
/// operation records from the machine logs (the time a machine carried an order, its output, the operation's
/// standard and the worker assigned to it).
/// </summary>
public static class StaffRecords
{
    public static WorkOrder ToWorkOrder(WorkOrderView view) => new(
        view.Id, view.SiteId, view.Product, view.Quantity, view.DueDate, view.Priority,
        [.. view.Operations.Select(o => new Operation(
            o.Sequence, o.Name, o.Capability, o.Skill, o.MinSkillLevel, TimeSpan.FromSeconds(o.StandardDurationSeconds),
            o.AllowedMachines.IsDefault ? [] : o.AllowedMachines,
            o.MachineId is not null && o.WorkerId is not null ? new Assignment(o.MachineId, o.WorkerId, o.Pinned) : null,
            o.Status))]);

    /// <summary>
    /// One record per machine and work order carried in the window: it starts when the machine first carried the
    /// order there and lasts the time it did (so an interrupted run is not counted as longer than it took), with
    /// the output counted for the order; the worker is the one assigned to the order's operation on that machine.
    /// </summary>
    public static IReadOnlyList<OperationRecord> FromLogs(IEnumerable<MachineLogView> logs, IReadOnlyCollection<WorkOrderView> orders, TimeRange window)
    {
        var records = new List<OperationRecord>();
        foreach (var log in logs)
        {
            var intervals = log.Intervals(window.End)
                .Select(i => i.Range.Intersect(window) is { } r ? i with { Start = r.Start, End = r.End } : null)
                .OfType<StateInterval>()
                .Where(i => i.WorkOrderId is not null);
            foreach (var run in intervals.GroupBy(i => i.WorkOrderId!))
            {
                var operation = orders.FirstOrDefault(o => o.Id == run.Key)?.Operations.FirstOrDefault(o => o.MachineId == log.MachineId && o.WorkerId is not null);
                if (operation is null)
                {
                    continue;
                }

                var start = run.Min(i => i.Start);
                var spent = TimeSpan.FromTicks(run.Sum(i => i.Duration.Ticks));
                var counts = log.Counts.Where(c => c.WorkOrderId == run.Key).ToList();
                records.Add(new OperationRecord(operation.WorkerId!, run.Key, operation.Sequence, log.MachineId, start, start + spent,
                    TimeSpan.FromSeconds(operation.StandardDurationSeconds), counts.Sum(c => c.Good), counts.Sum(c => c.Scrap)));
            }
        }

        return records;
    }
}
