using Factory.Domain.Oee;

namespace Factory.Domain.Maintenance;

/// <summary>
/// Whether maintenance was done when it was meant to be. An order counts when it is preventive or has been planned into a
/// window, and its deadline falls in the period; its deadline is its window's end when planned (the machine was given up
/// for that window), else its due time. Corrective orders never planned have no deadline to keep.
/// </summary>
public static class MaintenanceCompliance
{
    /// <summary>
    /// The time an order should be done by: the earlier of its window's end (when planned) and its due time, else either,
    /// else none. Planning an order that is due into a window after its due time (or the plan placing an overdue order
    /// into a slot) does not make it on time.
    /// </summary>
    public static DateTimeOffset? Deadline(MaintenanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return (order.Window?.End, order.DueBy) switch
        {
            ({ } end, { } due) => end < due ? end : due,
            var (end, due) => end ?? due,
        };
    }

    /// <summary>How the order kept its deadline as seen at <paramref name="now"/>; null for an order without one.</summary>
    public static ComplianceOutcome? Outcome(MaintenanceOrder order, DateTimeOffset now)
    {
        if (Deadline(order) is not { } deadline)
        {
            return null;
        }

        return order.Status switch
        {
            MaintenanceStatus.Cancelled => ComplianceOutcome.Cancelled,
            MaintenanceStatus.Done => (order.FinishedAt ?? now) <= deadline ? ComplianceOutcome.OnTime : ComplianceOutcome.Late,
            _ => now > deadline ? ComplianceOutcome.Overdue : ComplianceOutcome.Open,
        };
    }

    /// <summary>
    /// The compliance of <paramref name="machineId"/> in <paramref name="period"/>: its planned or preventive orders with a
    /// deadline in [start, end), each with its outcome at <paramref name="now"/>.
    /// </summary>
    public static MaintenanceComplianceSummary Of(string machineId, IEnumerable<MaintenanceOrder> orders, TimeRange period, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var counted = new List<ComplianceEntry>();
        foreach (var order in orders.Where(o => string.Equals(o.MachineId, machineId, StringComparison.Ordinal)
                                                && (o.Kind == MaintenanceKind.Preventive || o.Window is not null)))
        {
            if (Deadline(order) is { } deadline && period.Contains(deadline) && Outcome(order, now) is { } outcome)
            {
                counted.Add(new ComplianceEntry(order, deadline, outcome));
            }
        }

        return new MaintenanceComplianceSummary([.. counted.OrderBy(c => c.Deadline).ThenBy(c => c.Order.Id, StringComparer.Ordinal)]);
    }
}
