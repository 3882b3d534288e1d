namespace Factory.Domain.Maintenance;

/// <summary>
/// Which maintenance orders the dispatcher places and which it only plans around. A <em>fixed</em> order has a window a
/// manager chose (Planned or InProgress with a window): its machine is down exactly then. An order <em>to place</em> is
/// Requested, has a due time and no window yet (typically created by a due maintenance plan): the dispatcher chooses its
/// slot inside its due window, so the order's slot is whatever the plan in force says.
/// </summary>
public static class MaintenanceScheduling
{
    /// <summary>
    /// How long after now an order may still be placed when it is overdue or its due window is shorter than its duration:
    /// it is late already, so it goes in as soon as the machine and a qualified worker allow, within this margin.
    /// </summary>
    public static readonly TimeSpan OverdueMargin = TimeSpan.FromHours(8);

    /// <summary>The order's machine is down in a window a person chose; the dispatcher plans around it.</summary>
    public static bool IsFixed(MaintenanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Window is not null && order.Status is MaintenanceStatus.Planned or MaintenanceStatus.InProgress;
    }

    /// <summary>The order is due (has a due time), not yet planned into a window and not started: the dispatcher places it.</summary>
    public static bool IsToPlace(MaintenanceOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Status == MaintenanceStatus.Requested && order.Window is null && order.DueBy is not null && order.EstimatedDuration > TimeSpan.Zero;
    }

    /// <summary>The orders of <paramref name="orders"/> the dispatcher places, in a stable order (by id).</summary>
    public static IReadOnlyList<MaintenanceOrder> ToPlace(IEnumerable<MaintenanceOrder> orders)
    {
        ArgumentNullException.ThrowIfNull(orders);
        return [.. orders.Where(IsToPlace).OrderBy(o => o.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The skill the order's worker needs: its skill, or else its certification (a certification is held for a skill),
    /// or null when anyone may do it and no worker is booked.
    /// </summary>
    public static string? WorkerSkill(string? skill, string? certification) =>
        !string.IsNullOrWhiteSpace(skill) ? skill : !string.IsNullOrWhiteSpace(certification) ? certification : null;

    /// <summary>
    /// The window an order to place must lie in, seen at <paramref name="now"/>: from its request (not before now) to its
    /// due time. When less than <paramref name="duration"/> is left (overdue), it runs from then for the duration plus
    /// <see cref="OverdueMargin"/>: as soon as possible rather than never.
    /// </summary>
    public static MaintenanceWindow DueWindow(DateTimeOffset requestedAt, DateTimeOffset dueBy, TimeSpan duration, DateTimeOffset now)
    {
        var from = requestedAt > now ? requestedAt : now;
        return dueBy - from >= duration ? new MaintenanceWindow(from, dueBy) : new MaintenanceWindow(from, from + duration + OverdueMargin);
    }

    /// <summary>
    /// The orders still to place whose slot in the plan in force (<paramref name="slots"/>, by order id) has begun at
    /// <paramref name="at"/>, each with that slot: it becomes the order's window. From then the machine's time in it is planned
    /// maintenance (APMT in Maintenance mode) whether or not anyone starts the order in Factory, and a slot that passes with
    /// the order never started is a window missed, not a slot that quietly moves on.
    /// </summary>
    public static IReadOnlyList<(MaintenanceOrder Order, MaintenanceWindow Slot)> SlotsBegun(
        IEnumerable<MaintenanceOrder> orders, IReadOnlyDictionary<string, MaintenanceWindow> slots, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(slots);
        return [.. ToPlace(orders)
            .Select(o => (Order: o, Slot: slots.GetValueOrDefault(o.Id)))
            .Where(x => x.Slot is { } slot && slot.Start <= at && slot.End > slot.Start)
            .Select(x => (x.Order, x.Slot!))];
    }

    /// <summary>
    /// The order as it is started at <paramref name="at"/> when the plan had placed it in <paramref name="slot"/>: it takes
    /// that slot as its window (so its machine stays down and the stop is planned maintenance in the KPIs), or, started
    /// outside it, a window as long from <paramref name="at"/>. An order not to place, or without a slot, is unchanged.
    /// </summary>
    public static MaintenanceOrder WithPlacedSlot(MaintenanceOrder order, MaintenanceWindow? slot, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (slot is null || !IsToPlace(order))
        {
            return order;
        }

        var window = slot.Start <= at && at < slot.End ? slot : new MaintenanceWindow(at, at + (slot.End - slot.Start));
        return order with { Window = window };
    }
}
