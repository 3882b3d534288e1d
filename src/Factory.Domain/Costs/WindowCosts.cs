using Factory.Domain.Oee;
using Factory.Domain.Work;

namespace Factory.Domain.Costs;

/// <summary>What a set of machines (a line, a site) cost over a window: the parts of runs inside it, and idle machines.</summary>
public static class WindowCosts
{
    /// <summary>
    /// The cost of <paramref name="machineIds"/> over <paramref name="window"/> (clip it at now first): every run of any
    /// order on those machines, as much of it as lies inside the window, plus each machine's time in the window
    /// carrying no run at its idle rate.
    /// </summary>
    public static CostBreakdown Of(IEnumerable<WorkOrder> orders, IReadOnlyCollection<string> machineIds, CostRates rates, TimeRange window, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(machineIds);
        ArgumentNullException.ThrowIfNull(rates);
        var scope = machineIds.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var total = CostBreakdown.Zero;
        var busy = scope.ToDictionary(m => m, _ => new List<TimeRange>(), StringComparer.OrdinalIgnoreCase);
        foreach (var order in orders)
        {
            foreach (var operation in order.Operations)
            {
                var first = OrderCosts.IsFirst(order, operation);
                foreach (var run in operation.Runs.IsDefault ? [] : operation.Runs.Where(r => scope.Contains(r.MachineId)))
                {
                    total += RunCosts.Of(run, operation, order.Product, first, rates, now, window);
                    var end = run.EndedAt ?? now;
                    if (end > run.ReleasedAt && new TimeRange(run.ReleasedAt, end).Intersect(window) is { } carried)
                    {
                        busy[run.MachineId].Add(carried);
                    }
                }
            }
        }

        var idle = busy.Sum(kv => RunCosts.Hours(window.Duration - Covered(kv.Value)) * rates.MachineRateOf(kv.Key).IdlePerHour);
        return total + new CostBreakdown(0m, 0m, idle, 0m, 0m);
    }

    /// <summary>The length of the union of the spans (a machine carries one run at a time, but a log may overlap).</summary>
    private static TimeSpan Covered(List<TimeRange> spans)
    {
        var covered = TimeSpan.Zero;
        DateTimeOffset? reach = null;
        foreach (var span in spans.OrderBy(s => s.Start))
        {
            var start = reach is { } r && r > span.Start ? r : span.Start;
            if (span.End > start)
            {
                covered += span.End - start;
                reach = span.End;
            }
        }

        return covered;
    }
}
