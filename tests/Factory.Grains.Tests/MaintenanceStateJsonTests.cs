using Factory.Domain.Maintenance;
using Factory.Grains.State;
using Factory.Grains.Storage;

namespace Factory.Grains.Tests;

/// <summary>A site's maintenance state survives the stores' JSON: orders with their windows and plans with their anchors.</summary>
public sealed class MaintenanceStateJsonTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Orders_and_plans_come_back_as_they_were_stored()
    {
        var plan = new MaintenancePlan("PM-1", "CNC-01", "Grease", MaintenanceTrigger.Cycles, 500, ["Grease"], "millwright",
            TimeSpan.FromMinutes(30), TimeSpan.FromHours(8), T0, "PM-1-1");
        var order = MaintenanceLifecycle.Plan(plan.OrderFor("PM-1-1", T0.AddHours(1)), new MaintenanceWindow(T0.AddHours(2), T0.AddHours(3))).Order;
        var state = new MaintenanceState { Orders = [order], Plans = [plan], Version = 7 };

        var back = GrainStateJson.Deserialize<MaintenanceState>(GrainStateJson.Serialize(state));

        Assert.Equal(7, back.Version);
        var o = Assert.Single(back.Orders);
        Assert.Equal(order with { Tasks = o.Tasks }, o);
        Assert.Equal(order.Tasks.ToArray(), o.Tasks.ToArray());
        Assert.Equal(MaintenanceStatus.Planned, o.Status);
        var p = Assert.Single(back.Plans);
        Assert.Equal(plan with { Tasks = p.Tasks }, p);
        Assert.Equal(plan.Tasks.ToArray(), p.Tasks.ToArray());
    }
}
