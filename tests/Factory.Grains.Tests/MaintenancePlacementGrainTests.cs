using Factory.Contracts.Grains;
using Factory.Contracts.Maintenance;
using Factory.Contracts.Views;
using Factory.Domain.Maintenance;
using Factory.Domain.PackMl;

namespace Factory.Grains.Tests;

/// <summary>
/// The maintenance grain and the dispatcher together on a test cluster: a due order without a window is placed by the
/// dispatcher, shown on the order, and calls between the two non-reentrant grains never wait on each other in a loop.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class MaintenancePlacementGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_due_order_is_placed_with_a_qualified_worker_production_goes_round_it_and_concurrent_calls_all_complete()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle), ("m2", ["mill"], PackMlState.Idle));
        var nextYear = DateTimeOffset.UtcNow.AddYears(1);
        await plant.WorkerAsync("ana", "machining", 3, nextYear, clockedIn: true);
        await plant.WorkerAsync("max", "millwright", 2, nextYear, clockedIn: true);
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        await site.Register(SiteMember.Machine, plant.Id("m1"));
        await site.Register(SiteMember.Machine, plant.Id("m2"));
        await site.Register(SiteMember.Worker, plant.Id("ana"));
        await site.Register(SiteMember.Worker, plant.Id("max"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await plant.OrderAsync($"wo{i}", (10, "mill", "machining"))).Accepted);
            await site.Register(SiteMember.WorkOrder, plant.Id($"wo{i}"));
        }

        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();
        var maintenance = fixture.Grains.GetGrain<IMaintenanceGrain>(plant.Site);
        var dueBy = DateTimeOffset.UtcNow.AddHours(6);
        var spec = new MaintenanceOrderSpec(plant.Id("mo"), plant.Id("m1"), MaintenanceKind.Preventive, "Service spindle", [], "Millwright", null,
            3600, null, null, null, dueBy);

        // Creating the order (which tells the dispatcher), re-plans and reads of both grains, all at once: none may hang.
        var calls = new List<Task>
        {
            maintenance.CreateOrder(spec, "test"),
            dispatcher.Replan("test"),
            maintenance.GetOrders(),
            dispatcher.GetPlan(),
            maintenance.Evaluate(),
            maintenance.GetOrders(),
        };
        var all = Task.WhenAll(calls);
        Assert.Same(all, await Task.WhenAny(all, Task.Delay(TimeSpan.FromSeconds(20))));

        var plan = await Eventually.ValueAsync(dispatcher.GetPlan, p => p.Maintenance.Any(m => m.OrderId == plant.Id("mo")));
        var slot = Assert.Single(plan.Maintenance);
        Assert.Equal(plant.Id("m1"), slot.MachineId);
        Assert.Equal(plant.Id("max"), slot.WorkerId); // the skill is matched however it is spelled
        Assert.Equal(TimeSpan.FromHours(1), slot.End - slot.Start);
        Assert.True(slot.End <= dueBy);
        Assert.DoesNotContain(plan.Operations, o => o.MachineId == slot.MachineId && o.Start < slot.End && o.End > slot.Start);
        Assert.Equal(3, plan.Operations.Length);

        var order = Assert.Single(await maintenance.GetOrders(), o => o.Id == plant.Id("mo"));
        Assert.Equal((slot.Start, slot.End, slot.WorkerId), (order.PlannedStart!.Value, order.PlannedEnd!.Value, order.PlannedWorkerId));

        // Planned into a window by a manager, it is fixed: the slot goes, the window holds the machine instead.
        var window = (Start: DateTimeOffset.UtcNow.AddHours(2), End: DateTimeOffset.UtcNow.AddHours(3));
        Assert.True((await maintenance.PlanOrder(plant.Id("mo"), window.Start, window.End)).Accepted);
        plan = await Eventually.ValueAsync(dispatcher.GetPlan, p => p.Maintenance.IsEmpty);
        Assert.DoesNotContain(plan.Operations, o => o.MachineId == plant.Id("m1") && o.Start < window.End && o.End > window.Start);
        order = Assert.Single(await maintenance.GetOrders(), o => o.Id == plant.Id("mo"));
        Assert.Null(order.PlannedStart);
        Assert.Equal(window.Start, order.WindowStart);
    }
}
