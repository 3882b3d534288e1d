using Factory.Domain.Calendars;
using Factory.Domain.Costs;
using Factory.Domain.Oee;
using Factory.Domain.Work;
using static Factory.Domain.Tests.Costs.CostPlant;

namespace Factory.Domain.Tests.Costs;

/// <summary>Worked cases whose answers are computed by hand in each test.</summary>
public class CostWorkedCaseTests
{
    // The mill breaks down mid-order at 09:00 after 4 good parts; the rest moves to CNC-02 at 09:30 (6 good, 1 scrap);
    // the weld scraps one part late in the routing.
    private static readonly OperationRun RunA = new("CNC-01", "W01", T(8), T(8, 6), T(9), Good: 4, Scrap: 0, OperationStatus.Interrupted);
    private static readonly OperationRun RunB = new("CNC-02", "W02", T(9, 30), T(9, 30), T(10, 30), Good: 6, Scrap: 1, OperationStatus.Completed);
    private static readonly OperationRun RunC = new("WLD-01", "W03", T(10, 30), T(10, 45), T(11, 45), Good: 9, Scrap: 1, OperationStatus.Completed);

    private static WorkOrder Done => Order(Mill(OperationStatus.Completed, RunA, RunB), Weld(OperationStatus.Completed, RunC));

    [Fact]
    public void A_breakdown_mid_order_and_scrap_late_in_the_routing()
    {
        // Run A: idle 6 min × 12 = 1.20, running 54 min × 60 = 54.00; W01's own rate 1 h × 30; material 4 × 5.
        Assert.Equal(new CostBreakdown(30m, 55.20m, 0m, 20m, 0m), RunCosts.Of(RunA, Done.Operations[0], "housing", true, Rates, T(12)));
        // Run B: 1 h × 90; W02 has no own rate, machining 25; material (6 + 1) × 5; scrap 1 × 2.
        Assert.Equal(new CostBreakdown(25m, 90m, 0m, 35m, 2m), RunCosts.Of(RunB, Done.Operations[0], "housing", true, Rates, T(12)));
        // Run C: idle 15 min × 8 = 2, running 1 h × 40; welding 1.25 h × 28 = 35; no material after the first operation; scrap 1 × 2.
        Assert.Equal(new CostBreakdown(35m, 42m, 0m, 0m, 2m), RunCosts.Of(RunC, Done.Operations[1], "housing", false, Rates, T(12)));

        var actual = OrderCosts.Actual(Done, Rates, T(12));
        Assert.Equal(new CostBreakdown(90m, 187.20m, 0m, 55m, 4m), actual);
        Assert.Equal(336.20m, actual.Total);
    }

    [Fact]
    public void Against_a_budget_the_variance_is_actual_minus_budget()
    {
        var budgets = CostBudgets.None with { WorkOrders = CostBudgets.None.WorkOrders.Add("WO-1", 300m) };
        var comparison = OrderCosts.Compare(Done, [], Rates, budgets, T(12));
        Assert.Equal(300m, comparison.Budget);
        Assert.Equal(36.20m, comparison.Variance);
        Assert.True(comparison.OverBudget);
        Assert.Equal(336.20m, comparison.Planned!.Total); // a finished order's plan is what ran
        Assert.Null(OrderCosts.Compare(Done, [], Rates, CostBudgets.None, T(12)).Variance);
    }

    [Fact]
    public void An_open_run_costs_up_to_now()
    {
        var open = new OperationRun("CNC-01", "W01", T(8), T(8, 30));
        var order = Order(Mill(OperationStatus.Running, open), Weld(OperationStatus.Pending));
        // At 09:00: idle 0.5 h × 12 = 6, running 0.5 h × 60 = 30, labour 1 h × 30; nothing counted yet.
        Assert.Equal(new CostBreakdown(30m, 36m, 0m, 0m, 0m), OrderCosts.Actual(order, Rates, T(9)));
    }

    [Fact]
    public void Planned_cost_is_what_ran_plus_the_plan_for_the_rest()
    {
        var order = Order(Mill(OperationStatus.Completed, RunB), Weld(OperationStatus.Ready));
        var slots = new[] { new PlannedSlot("WO-1", 20, "WLD-01", "W01", T(11), T(12, 30), OperationStatus.Ready) };
        // What ran: run B = 152. The weld's slot: 1.5 h × (40 running + W01's 30) = 105; no material after the first operation.
        Assert.Equal(new CostBreakdown(25m + 45m, 90m + 60m, 0m, 35m, 2m), OrderCosts.Planned(order, slots, Rates, T(10, 45)));

        // Nothing ran yet: the mill's slot (2 h on CNC-02 with W02 from now on) plus material for all 10 units.
        var fresh = Order(Mill(OperationStatus.Ready), Weld(OperationStatus.Pending));
        var plan = new[]
        {
            new PlannedSlot("WO-1", 10, "CNC-02", "W02", T(8), T(10), OperationStatus.Ready),
            new PlannedSlot("WO-1", 20, "WLD-01", "W03", T(10), T(11), OperationStatus.Pending),
        };
        // Mill: 2 × 90 + 2 × 25 + 10 × 5 = 280; weld: 40 + 28 = 68.
        Assert.Equal(348m, OrderCosts.Planned(fresh, plan, Rates, T(8))!.Total);
        // A slot under way counts only from now: at 09:00 half the mill's slot is left (and nothing has run).
        Assert.Equal(348m - 90m - 25m, OrderCosts.Planned(fresh, plan, Rates, T(9))!.Total);
        Assert.Null(OrderCosts.Planned(fresh, [], Rates, T(8))); // the plan does not have it
    }

    [Fact]
    public void A_line_over_a_window_takes_the_runs_inside_it_and_its_idle_machines()
    {
        var cost = WindowCosts.Of([Done], ["CNC-01", "CNC-02"], Rates, new TimeRange(T(8, 30), T(10)), T(12));
        // Run A 08:30–09:00: 0.5 h × 60 running, 0.5 h × 30 labour, 5/9 of its 4 units' material.
        // Run B 09:30–10:00: 0.5 h × 90, 0.5 h × 25, half of its 7 units' material and its 1 scrap.
        // Idle: CNC-01 carries nothing 09:00–10:00 (1 h × 12); CNC-02 nothing 08:30–09:30 (1 h × 15).
        Assert.Equal(new CostBreakdown(27.5m, 75m, 27m, 28.61m, 1m), cost.Rounded());
        // The welder stood idle the whole window: 1.5 h × 8.
        Assert.Equal(new CostBreakdown(0m, 0m, 12m, 0m, 0m), WindowCosts.Of([Done], ["WLD-01"], Rates, new TimeRange(T(8, 30), T(10)), T(12)));
    }

    [Fact]
    public void Unknown_machines_workers_and_products_cost_nothing_but_the_defaults()
    {
        var run = new OperationRun("OTHER", "W09", T(8), T(8), T(10), Good: 3);
        var order = new WorkOrder("WO-2", "s1", "bracket", 3, T(16), 1, [Weld(OperationStatus.Completed, run) with { Skill = null }]);
        Assert.Equal(new CostBreakdown(40m, 0m, 0m, 0m, 0m), OrderCosts.Actual(order, Rates, T(12))); // 2 h × default 20
    }

    [Fact]
    public void Rates_and_budgets_validate()
    {
        Assert.Empty(Rates.Validate());
        var bad = Rates with { Currency = "euro", Machines = Rates.Machines.SetItem("CNC-01", new MachineRate(-1m, 0m)) };
        Assert.Equal(["currency 'euro' must be a three-letter ISO 4217 code such as EUR", "machine 'CNC-01' has a negative hourly rate"], bad.Validate());
        Assert.Equal(["line 'L1' has a negative budget"], (CostBudgets.None with { LinesPerHour = CostBudgets.None.LinesPerHour.Add("L1", -5m) }).Validate());
        Assert.Equal(80m, (CostBudgets.None with { LinesPerHour = CostBudgets.None.LinesPerHour.Add("L1", 10m) }).ForLine("L1", TimeSpan.FromHours(8)));
    }

    [Fact]
    public void A_site_window_has_the_share_of_each_shift_budget_it_covers()
    {
        var budgets = CostBudgets.None with { Shifts = CostBudgets.None.Shifts.Add("Early", 8000m).Add("Late", 6000m) };
        ShiftInstance Shift(string name, int start) => new(name, new NodaTime.LocalDate(2026, 5, 4), T(start), T(start + 8), []);
        var shifts = new[] { Shift("Early", 6), Shift("Late", 14), Shift("Night", 22) };
        // 10:00–16:00: half of Early (4000) and a quarter of Late (1500); Night has no budget.
        Assert.Equal(5500m, budgets.ForShifts(shifts, new TimeRange(T(10), T(16))));
        Assert.Null(budgets.ForShifts([Shift("Night", 22)], new TimeRange(T(22), T(23))));
    }
}
