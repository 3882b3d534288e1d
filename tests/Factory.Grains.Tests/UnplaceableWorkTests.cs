using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;

namespace Factory.Grains.Tests;

/// <summary>#11 finding 2: one operation no worker can finish before their certification expires must not stop the plan.</summary>
[Collection(ClusterCollection.Name)]
public sealed class UnplaceableWorkTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_operation_longer_than_every_certification_is_unplannable_with_its_reason_and_the_rest_is_planned()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute), ("d1", ["drill"], PackMlState.Execute));
        // Certified for two days: an operation of three days (within the 30-day bound on durations) can never end before the certificate does.
        await plant.WorkerAsync("ana", "machining", 3, DateTimeOffset.UtcNow.AddDays(2), clockedIn: true);
        await plant.WorkerAsync("cat", "drilling", 3, DateTimeOffset.UtcNow.AddYears(1), clockedIn: true);
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        foreach (var name in new[] { "m1", "d1" })
        {
            await site.Register(SiteMember.Machine, plant.Id(name));
        }

        foreach (var name in new[] { "ana", "cat" })
        {
            await site.Register(SiteMember.Worker, plant.Id(name));
        }

        await OrderAsync(plant, site, "ok1", 600);
        await OrderAsync(plant, site, "huge", 3 * 86_400);
        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();

        var plan = await dispatcher.GetPlan();
        Assert.Contains(plan.Operations, o => o.WorkOrderId == plant.Id("ok1"));
        Assert.DoesNotContain(plan.Operations, o => o.WorkOrderId == plant.Id("huge"));
        var reason = Assert.Single(plan.Unplanned);
        Assert.Contains(plant.Id("huge"), reason);
        Assert.Contains("certification", reason);

        // Later changes are planned again: a new order is placed, the unplaceable one stays listed.
        await OrderAsync(plant, site, "ok2", 600);
        await dispatcher.OnWorkOrderChanged(plant.Id("ok2"));
        // The trigger is one-way and the plan is read interleaved: the new plan shows once the re-plan has stored it.
        plan = await Eventually.ValueAsync(dispatcher.GetPlan, p => p.Operations.Any(o => o.WorkOrderId == plant.Id("ok2")));
        Assert.Contains(plan.Unplanned, u => u.Contains(plant.Id("huge"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task When_two_orders_fit_a_certification_only_one_after_the_other_the_planner_leaves_one_out_and_plans_the_other()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute), ("d1", ["drill"], PackMlState.Execute));
        await plant.WorkerAsync("ana", "machining", 3, DateTimeOffset.UtcNow.AddDays(2), clockedIn: true);
        await plant.WorkerAsync("cat", "drilling", 3, DateTimeOffset.UtcNow.AddYears(1), clockedIn: true);
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        foreach (var name in new[] { "m1", "d1", "ana", "cat" })
        {
            await site.Register(name is "ana" or "cat" ? SiteMember.Worker : SiteMember.Machine, plant.Id(name));
        }

        // 30 hours each: either fits the two days of ana's certificate, both together do not (one machine, one worker).
        await OrderAsync(plant, site, "a", 30 * 3600);
        await OrderAsync(plant, site, "b", 30 * 3600);
        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();

        var plan = await dispatcher.GetPlan();
        var planned = plan.Operations.Select(o => o.WorkOrderId).Distinct().ToList();
        var left = Assert.Single(plan.Unplanned);
        Assert.Single(planned);
        Assert.Contains(new[] { plant.Id("a"), plant.Id("b") }.Single(id => id != planned[0]), left);
    }

    private async Task OrderAsync(PlantBuilder plant, ISiteGrain site, string name, int seconds)
    {
        var spec = new WorkOrderSpec(plant.Id(name), plant.Site, "Part", 10, DateTimeOffset.UtcNow.AddHours(8), 1,
            [new OperationSpec(10, "mill", "mill", "machining", 1, seconds, []), new OperationSpec(20, "drill", "drill", "drilling", 1, 600, [])]);
        Assert.True((await fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id(name)).Create(spec)).Accepted);
        await site.Register(SiteMember.WorkOrder, plant.Id(name));
    }
}
