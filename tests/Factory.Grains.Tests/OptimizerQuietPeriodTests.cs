using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Factory.Contracts.Grains;
using Factory.Domain.PackMl;
using Factory.Domain.Work;

namespace Factory.Grains.Tests;

/// <summary>
/// The optimizer starts on a plan only once it has stood for <see cref="DispatchOptions.OptimizerQuietPeriod"/>: a re-plan
/// in that time supersedes the search before its model is built (#20), and the plan that stands gets its search.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class OptimizerQuietPeriodTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Re_plans_in_quick_succession_supersede_the_waiting_search_and_the_last_plan_is_searched()
    {
        var plant = await PlantAsync(PackMlState.Execute, (10, "mill", "machining"));
        using var runs = new OptimizerRuns(plant.Site);
        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();
        await dispatcher.Replan("test: a second plan at once");
        await dispatcher.Replan("test: a third plan at once");

        // Two searches were asked for and superseded within the quiet period; the third plan's search starts after it.
        await Eventually.ValueAsync(() => Task.FromResult(runs.Of("started")), n => n == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(2, runs.Of("superseded"));
    }

    [Fact]
    public async Task Progress_on_the_floor_that_changes_the_plan_stops_the_search_on_the_plan_it_replaced()
    {
        var plant = await PlantAsync(PackMlState.Idle, (10, "mill", "machining"), (20, "mill", "machining"));
        using var runs = new OptimizerRuns(plant.Site);
        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();
        var first = (await dispatcher.GetPlan()).Version;

        // The first operations are released to the idle machines; one is done at once, so its next operation can start
        // sooner than planned, which a progress re-plan (no optimizer of its own) puts in force.
        var order = fixture.Grains.GetGrain<IWorkOrderGrain>(plant.Id("wo0"));
        var running = await Eventually.ValueAsync(order.GetView, o => o!.Operations[0].Status == OperationStatus.Running);
        await order.ReportJob(10, running!.Operations[0].MachineId!, JobReportKind.Completed, 10, 0, DateTimeOffset.UtcNow, null);
        var plan = await Eventually.ValueAsync(dispatcher.GetPlan, p => p.Version > first);
        Assert.Equal("operations progressed on the floor", plan.Trigger);

        // The search asked for by the first plan was waiting out its quiet period: it is stopped, and none starts.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, runs.Of("superseded"));
        Assert.Equal(0, runs.Of("started"));
    }

    private async Task<PlantBuilder> PlantAsync(PackMlState machines, params (int Seq, string Capability, string Skill)[] operations)
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], machines), ("m2", ["mill"], machines));
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        await site.Register(SiteMember.Machine, plant.Id("m1"));
        await site.Register(SiteMember.Machine, plant.Id("m2"));
        await plant.WorkerAsync("ana", "machining", 3, DateTimeOffset.UtcNow.AddYears(1), clockedIn: true);
        await site.Register(SiteMember.Worker, plant.Id("ana"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await plant.OrderAsync($"wo{i}", operations)).Accepted);
            await site.Register(SiteMember.WorkOrder, plant.Id($"wo{i}"));
        }

        return plant;
    }

    /// <summary>The dispatcher's <c>factory.dispatch.optimizer_runs</c> of one site, by outcome.</summary>
    private sealed class OptimizerRuns : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentDictionary<string, long> _byOutcome = new(StringComparer.Ordinal);

        public OptimizerRuns(string siteId)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == GrainMetrics.Name && instrument.Name == "factory.dispatch.optimizer_runs")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                string? site = null, outcome = null;
                foreach (var tag in tags)
                {
                    if (tag.Key == "site")
                    {
                        site = tag.Value as string;
                    }
                    else if (tag.Key == "outcome")
                    {
                        outcome = tag.Value as string;
                    }
                }

                if (site == siteId && outcome is not null)
                {
                    _byOutcome.AddOrUpdate(outcome, value, (_, n) => n + value);
                }
            });
            _listener.Start();
        }

        public long Of(string outcome) => _byOutcome.GetValueOrDefault(outcome);

        public void Dispose() => _listener.Dispose();
    }
}
