using Factory.Contracts.Grains;
using Factory.Domain;
using Factory.Domain.PackMl;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class WorkOrderGrainTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset NextYear = DateTimeOffset.UtcNow.AddYears(1);

    private async Task<PlantBuilder> PlantAsync()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(
            ("mill", ["mill"], PackMlState.Execute), ("drill", ["drill"], PackMlState.Execute), ("broken", ["mill"], PackMlState.Aborted));
        await plant.WorkerAsync("ana", "machining", 3, NextYear, clockedIn: true);
        await plant.WorkerAsync("ben", "machining", 3, NextYear, clockedIn: false);
        await plant.WorkerAsync("old", "machining", 3, DateTimeOffset.UtcNow.AddDays(-1), clockedIn: true);
        Assert.True((await plant.OrderAsync("wo", (10, "mill", "machining"))).Accepted);
        return plant;
    }

    [Fact]
    public async Task A_valid_assignment_is_stored_and_versioned()
    {
        var plant = await PlantAsync();
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));

        var result = await order.Assign(10, plant.Id("mill"), plant.Id("ana"), pinned: true, notBefore: null);

        Assert.True(result.Accepted, result.Reason);
        var op = (await order.GetView())!.Operations.Single();
        Assert.Equal(plant.Id("mill"), op.MachineId);
        Assert.Equal(plant.Id("ana"), op.WorkerId);
        Assert.True(op.Pinned);
    }

    [Theory]
    [InlineData("drill", "ana", RefusalKind.Conflict, "lacks capability")]
    [InlineData("broken", "ana", RefusalKind.Conflict, "not available")]
    [InlineData("mill", "ben", RefusalKind.Conflict, "not clocked in")]
    [InlineData("mill", "old", RefusalKind.Conflict, "expired")]
    [InlineData("nowhere", "ana", RefusalKind.NotFound, "does not exist")]
    [InlineData("mill", "nobody", RefusalKind.NotFound, "does not exist")]
    public async Task A_refused_assignment_names_the_rule_and_changes_nothing(string machine, string worker, RefusalKind kind, string reason)
    {
        var plant = await PlantAsync();
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));
        var before = await order.GetView();

        var result = await order.Assign(10, plant.Id(machine), plant.Id(worker), pinned: false, notBefore: null);

        Assert.False(result.Accepted);
        Assert.Equal(kind, result.RefusalKind);
        Assert.Contains(reason, result.Reason);
        Structurally.Equal(before, await order.GetView());
    }

    [Fact]
    public async Task A_duplicate_or_invalid_work_order_is_refused()
    {
        var plant = await PlantAsync();
        Assert.Equal(RefusalKind.Conflict, (await plant.OrderAsync("wo", (10, "mill", "machining"))).RefusalKind);
        var invalid = await plant.OrderAsync("bad", (20, "mill", "machining"), (10, "drill", "machining"));
        Assert.Equal(RefusalKind.Invalid, invalid.RefusalKind);
        Assert.Null(await fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("bad")).GetView());
    }

    [Fact]
    public async Task Clocking_in_twice_is_a_conflict()
    {
        var plant = await PlantAsync();
        var ben = fixture.Grains.GetGrain<IWorkerGrain>(plant.Id("ben"));
        Assert.True((await ben.ClockIn()).Accepted);
        Assert.Equal(RefusalKind.Conflict, (await ben.ClockIn()).RefusalKind);
        Assert.True((await ben.ClockOut()).Accepted);
        Assert.False((await ben.GetView())!.ClockedIn);
    }
}
