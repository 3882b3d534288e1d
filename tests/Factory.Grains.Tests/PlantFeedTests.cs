using System.Threading.Channels;
using Factory.Contracts.Events;
using Factory.Contracts.Grains;
using Factory.Domain.PackMl;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class PlantFeedTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_subscribed_feed_receives_versioned_machine_and_line_events()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Execute));
        var received = new Recorder();
        var reference = fixture.Cluster.Client.CreateObjectReference<IPlantObserver>(received);
        await fixture.Grains.GetGrain<IPlantFeedGrain>(plant.Site).Subscribe(reference);

        await fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1")).ExecuteCommand(PackMlCommand.Stop);

        var versions = new List<long>();
        var sawLine = false;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!(versions.Count >= 2 && sawLine))
        {
            switch (await received.Events.Reader.ReadAsync(timeout.Token))
            {
                case MachineChanged m:
                    versions.Add(m.Version);
                    break;
                case LineChanged:
                    sawLine = true;
                    break;
            }
        }

        // Stopping, then Stopped once the transient state completes: consecutive versions. One-way messages may
        // overtake each other under load, which is why clients order by version rather than by arrival.
        versions.Sort();
        Assert.Equal(versions[0] + 1, versions[1]);
    }

    private sealed class Recorder : IPlantObserver
    {
        public Channel<PlantEvent> Events { get; } = Channel.CreateUnbounded<PlantEvent>();

        public Task OnPlantEvent(PlantEvent plantEvent) => Events.Writer.WriteAsync(plantEvent).AsTask();
    }
}
