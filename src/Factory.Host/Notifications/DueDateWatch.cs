using System.Globalization;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>
/// Follows the open work orders' due-date risk (<see cref="DueRiskRule"/>) from the views the plant feed carries, and
/// from the clock, since an order becomes overdue without changing. An order turning at risk or overdue is an
/// <see cref="NotificationKind.OrderAtRisk"/> event; one back on track, completed or cancelled ends its escalation
/// (that is its acknowledgement). It holds the open orders only.
/// </summary>
public sealed class DueDateWatch
{
    private readonly Dictionary<string, (WorkOrderView Order, DueRisk Risk)> _orders = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>What a new view of an order means for notifications, at <paramref name="now"/>.</summary>
    public IReadOnlyList<NotificationInput> Observe(WorkOrderView order, DateTimeOffset now)
    {
        lock (_lock)
        {
            var isKnown = _orders.TryGetValue(order.Id, out var known);
            if (isKnown && known.Order.Version > order.Version)
            {
                return [];
            }

            return Assess(order, isKnown ? known.Risk : DueRisk.OnTrack, now);
        }
    }

    /// <summary>The orders whose risk the passing of time changed (an ETA or a due date now behind us).</summary>
    public IReadOnlyList<NotificationInput> Recheck(DateTimeOffset now)
    {
        lock (_lock)
        {
            return [.. _orders.Values.ToList().SelectMany(o => Assess(o.Order, o.Risk, now))];
        }
    }

    private List<NotificationInput> Assess(WorkOrderView order, DueRisk before, DateTimeOffset now)
    {
        var risk = DueRiskRule.Of(order.Done, order.DueDate, order.Eta, now);
        if (risk == DueRisk.Done)
        {
            _orders.Remove(order.Id);
        }
        else
        {
            _orders[order.Id] = (order, risk);
        }

        var subject = Subject(order.Id);
        var inputs = new List<NotificationInput>();
        if (risk == before)
        {
            return inputs;
        }

        if (DueRiskRule.IsWorthTelling(before))
        {
            // Back on track, done, or from at risk to overdue: the old escalation is over (the last one starts anew).
            inputs.Add(new NotificationInput(null, "", subject));
        }

        if (DueRiskRule.IsWorthTelling(risk))
        {
            inputs.Add(new NotificationInput(Event(order, risk, now), "", null));
        }

        return inputs;
    }

    /// <summary>What an order's escalation is known by.</summary>
    public static string Subject(string orderId) => $"order:{orderId}";

    private static NotificationEvent Event(WorkOrderView order, DueRisk risk, DateTimeOffset now)
    {
        var due = order.DueDate.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var expected = (order.Eta is { } e && e > now ? e : now).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var title = risk == DueRisk.Overdue
            ? $"Work order {order.Id} ({order.Product}) is overdue: it was due {due}"
            : $"Work order {order.Id} ({order.Product}) is at risk: expected {expected}, due {due}";
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{title}. {order.Good} of {order.Quantity} made; priority {order.Priority}; status {order.Status}.");
        return new NotificationEvent($"{order.Id}@{risk}@{order.DueDate.UtcTicks}", order.SiteId, NotificationKind.OrderAtRisk,
            Subject(order.Id), "", null, now, NotificationIntake.Bounded(title, NotificationIntake.MaxTitle), NotificationIntake.Bounded(text, NotificationIntake.MaxText));
    }
}
