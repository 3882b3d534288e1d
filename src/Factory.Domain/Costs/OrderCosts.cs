using Factory.Domain.Work;

namespace Factory.Domain.Costs;

/// <summary>What a work order and its operations cost, from what ran and from the plan.</summary>
public static class OrderCosts
{
    /// <summary>The actual cost of one operation: the sum of its runs.</summary>
    public static CostBreakdown OfOperation(WorkOrder order, Operation operation, CostRates rates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(operation);
        var first = IsFirst(order, operation);
        return operation.Runs.IsDefaultOrEmpty
            ? CostBreakdown.Zero
            : CostBreakdown.Sum(operation.Runs.Select(r => RunCosts.Of(r, operation, order.Product, first, rates, now)));
    }

    /// <summary>The actual cost of the whole order so far.</summary>
    public static CostBreakdown Actual(WorkOrder order, CostRates rates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        return CostBreakdown.Sum(order.Operations.Select(o => OfOperation(order, o, rates, now)));
    }

    /// <summary>
    /// What the order costs when the rest runs as planned: each operation's actual cost so far, plus, for an unfinished
    /// operation, its slot in the plan (the slot's machine at its running rate and the slot's worker for the slot's
    /// time from <paramref name="now"/> on, and at the first operation the material of the units still to make).
    /// Null when the order is not finished and the plan has none of its unfinished operations.
    /// </summary>
    public static CostBreakdown? Planned(WorkOrder order, IEnumerable<PlannedSlot> plan, CostRates rates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(rates);
        var slots = plan.Where(s => string.Equals(s.WorkOrderId, order.Id, StringComparison.OrdinalIgnoreCase)).ToDictionary(s => s.Sequence);
        var open = order.CancelledAt is null ? order.Operations.Where(o => !o.IsFinished).ToList() : [];
        if (open.Count > 0 && !open.Any(o => slots.ContainsKey(o.Sequence)))
        {
            return null;
        }

        var total = Actual(order, rates, now);
        foreach (var operation in open)
        {
            if (slots.TryGetValue(operation.Sequence, out var slot))
            {
                total += OfSlot(order, operation, slot, rates, now);
            }
        }

        return total;
    }

    /// <summary>The cost of a planned slot from <paramref name="now"/> on (what ran before now is actual, not planned).</summary>
    public static CostBreakdown OfSlot(WorkOrder order, Operation operation, PlannedSlot slot, CostRates rates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(slot);
        ArgumentNullException.ThrowIfNull(rates);
        var hours = RunCosts.Hours(slot.End - (slot.Start > now ? slot.Start : now));
        var machine = hours * rates.MachineRateOf(slot.MachineId).RunningPerHour;
        var labour = slot.WorkerId is { } worker ? hours * rates.Labour.RateFor(worker, operation.Skill) : 0m;
        var material = IsFirst(order, operation) ? order.Remaining(operation) * rates.ProductCostOf(order.Product).MaterialPerUnit : 0m;
        return new CostBreakdown(labour, machine, 0m, material, 0m);
    }

    /// <summary>The order's actual cost against its budget and its planned cost.</summary>
    public static CostComparison Compare(WorkOrder order, IEnumerable<PlannedSlot> plan, CostRates rates, CostBudgets budgets, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(budgets);
        return new CostComparison(Actual(order, rates, now), Planned(order, plan, rates, now), budgets.ForWorkOrder(order.Id));
    }

    /// <summary>Material enters at the order's first operation (lowest sequence).</summary>
    internal static bool IsFirst(WorkOrder order, Operation operation) =>
        order.Operations.Length > 0 && operation.Sequence == order.Operations.Min(o => o.Sequence);
}
