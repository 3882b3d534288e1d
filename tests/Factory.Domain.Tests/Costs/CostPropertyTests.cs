using Factory.Domain.Costs;
using Factory.Domain.Oee;
using Factory.Domain.Work;
using FsCheck.Xunit;
using static Factory.Domain.Tests.Costs.CostPlant;

namespace Factory.Domain.Tests.Costs;

public class CostPropertyTests
{
    private static readonly string[] Machines = ["CNC-01", "CNC-02", "WLD-01"];
    private static readonly string?[] Workers = ["W01", "W02", null];

    /// <summary>Random runs of a two-operation order, built from arbitrary numbers (minutes, counts).</summary>
    private static WorkOrder RandomOrder(int[] seeds)
    {
        var mill = new List<OperationRun>();
        var weld = new List<OperationRun>();
        for (var i = 0; i + 4 < seeds.Length; i += 5)
        {
            var released = At8.AddMinutes(Math.Abs(seeds[i] % 600));
            var started = released.AddMinutes(Math.Abs(seeds[i + 1] % 30));
            var ended = started.AddMinutes(Math.Abs(seeds[i + 2] % 240));
            var run = new OperationRun(Machines[Math.Abs(seeds[i + 3] % 3)], Workers[Math.Abs(seeds[i + 4] % 3)], released,
                seeds[i] % 7 == 0 ? null : started, seeds[i + 1] % 5 == 0 ? null : ended, Math.Abs(seeds[i + 3] % 50), Math.Abs(seeds[i + 4] % 4));
            (i % 2 == 0 ? mill : weld).Add(run);
        }

        return Order(Mill(OperationStatus.Running, [.. mill]), Weld(OperationStatus.Running, [.. weld]));
    }

    /// <summary>The parts add up to the total, and an order is the sum of its operations.</summary>
    [Property(MaxTest = 200)]
    public void Parts_always_sum_to_the_total(int[] seeds)
    {
        var order = RandomOrder(seeds ?? []);
        var now = T(20);
        var actual = OrderCosts.Actual(order, Rates, now);
        Assert.Equal(actual.Labour + actual.Machine + actual.Idle + actual.Material + actual.Scrap, actual.Total);
        Assert.Equal(actual, CostBreakdown.Sum(order.Operations.Select(o => OrderCosts.OfOperation(order, o, Rates, now))));
        Assert.True(actual.Labour >= 0 && actual.Machine >= 0 && actual.Material >= 0 && actual.Scrap >= 0);
    }

    /// <summary>Two adjacent windows cost what the window they make together costs, so shifts add up to the day.</summary>
    [Property(MaxTest = 200)]
    public void Adjacent_windows_add_up(int[] seeds, byte split)
    {
        var order = RandomOrder(seeds ?? []);
        var (start, end, now) = (T(6), T(22), T(22));
        var middle = start.AddMinutes(split % 241 * 4); // anywhere in the 16 hours
        var whole = WindowCosts.Of([order], Machines, Rates, new TimeRange(start, end), now);
        var parts = WindowCosts.Of([order], Machines, Rates, new TimeRange(start, middle), now)
            + WindowCosts.Of([order], Machines, Rates, new TimeRange(middle, end), now);
        // Shares of units are divided, so the last of 28 decimal digits may differ.
        Assert.Equal(whole.Rounded(), parts.Rounded());
    }

    /// <summary>A window over the whole history of the order's machines is the order's cost plus the machines' idle time.</summary>
    [Property(MaxTest = 200)]
    public void A_window_over_everything_is_the_order_plus_idle(int[] seeds)
    {
        var order = RandomOrder(seeds ?? []);
        var window = WindowCosts.Of([order], Machines, Rates, new TimeRange(T(0), T(23)), T(23));
        Assert.Equal(OrderCosts.Actual(order, Rates, T(23)).Rounded(), (window with { Idle = 0m }).Rounded());
    }
}
