using Factory.Contracts.Grains;
using Factory.Domain.PackMl;
using Factory.Domain.Work;
using Factory.Grains.Dispatch;

namespace Factory.Grains.Tests;

/// <summary>
/// The dispatcher's picture reads a work order with work on a machine again only once its copy is
/// <see cref="DispatchOptions.RunningOrderRefresh"/> old, unless the order is said to have changed (#10).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PlantPictureCacheTests(ClusterFixture fixture)
{
    private static readonly TimeSpan RunningOrderRefresh = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_running_order_is_read_again_when_its_copy_is_old_or_it_is_said_to_have_changed_not_on_every_picture()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo"));
        Assert.True((await plant.OrderAsync("wo", (10, "mill", "machining"))).Accepted);
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        await site.Register(SiteMember.Machine, plant.Id("m1"));
        await site.Register(SiteMember.WorkOrder, plant.Id("wo"));
        Assert.True((await order.Release(10, plant.Id("m1"), null)).Accepted);
        await Eventually.ValueAsync(order.GetView, o => o!.Operations[0].Status == OperationStatus.Running);

        var clock = new StoppedClock(DateTimeOffset.UtcNow);
        var picture = new PlantPictureCache(fixture.Grains, plant.Site, clock, TimeSpan.FromHours(1), RunningOrderRefresh);
        Assert.Equal(0, Good(await picture.LoadAsync()));

        // Parts counted: no message tells the dispatcher.
        await order.ReportJob(10, plant.Id("m1"), JobReportKind.Progress, 3, 0, DateTimeOffset.UtcNow, null);
        clock.Advance(RunningOrderRefresh - TimeSpan.FromSeconds(1));
        Assert.Equal(0, Good(await picture.LoadAsync()));

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(3, Good(await picture.LoadAsync()));

        await order.ReportJob(10, plant.Id("m1"), JobReportKind.Progress, 5, 0, DateTimeOffset.UtcNow, null);
        Assert.Equal(3, Good(await picture.LoadAsync()));
        picture.WorkOrderChanged(plant.Id("wo"));
        Assert.Equal(5, Good(await picture.LoadAsync()));

        long Good(PlantPicture p) => p.WorkOrders.Single(o => o.Id == plant.Id("wo")).Operations[0].Good;
    }

    /// <summary>The test's clock: it moves only when told.</summary>
    private sealed class StoppedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
