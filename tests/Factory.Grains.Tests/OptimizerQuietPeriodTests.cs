using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Factory.Contracts.Grains;
using Factory.Domain.PackMl;

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
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute), ("m2", ["mill"], PackMlState.Execute));
        var site = fixture.Grains.GetGrain<ISiteGrain>(plant.Site);
        await site.Register(SiteMember.Machine, plant.Id("m1"));
        await site.Register(SiteMember.Machine, plant.Id("m2"));
        await plant.WorkerAsync("ana", "machining", 3, DateTimeOffset.UtcNow.AddYears(1), clockedIn: true);
        await site.Register(SiteMember.Worker, plant.Id("ana"));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await plant.OrderAsync($"wo{i}", (10, "mill", "machining"))).Accepted);
            await site.Register(SiteMember.WorkOrder, plant.Id($"wo{i}"));
        }

        using var runs = new OptimizerRuns(plant.Site);
        var dispatcher = fixture.Grains.GetGrain<IDispatcherGrain>(plant.Site);
        await dispatcher.EnsurePlan();
        await dispatcher.Replan("test: a second plan at once");
        await dispatcher.Replan("test: a third plan at once");

        // Two searches were asked for and superseded within the quiet period; the third plan's search starts after it.
        await Eventually.ValueAsync(() => Task.FromResult(runs.Of("started")), n => n == 1, TimeSpan.FromSeconds(15));
        Assert.Equal(2, runs.Of("superseded"));
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
