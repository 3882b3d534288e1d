using Factory.Contracts.Grains;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class LineGrainTests(ClusterFixture fixture)
{
    private static MachineTelemetry Good(long good) =>
        new("plc", PackMlState.Execute, null, null, good, good, 0, null, null, null, null, DataQuality.Good, DateTimeOffset.UtcNow, 3);

    [Fact]
    public async Task A_lines_good_per_hour_is_its_last_stage_with_parallel_machines_summed_and_says_which_machines()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(
            ("lbl", ["label"], PackMlState.Idle), ("pck1", ["pack"], PackMlState.Idle), ("pck2", ["pack"], PackMlState.Idle));
        var line = fixture.Grains.GetGrain<ILineGrain>(plant.Line);
        var pck1 = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("pck1"));
        var label = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("lbl"));
        await pck1.ApplyTelemetry(Good(0));
        await label.ApplyTelemetry(Good(0));
        await Eventually.ValueAsync(line.GetView, l => l!.OutputMachineIds.SequenceEqual([plant.Id("pck1"), plant.Id("pck2")]));
        await Task.Delay(200);

        // Only PCK-01 of the two parallel packers makes parts; the labeller's parts are not counted again.
        await pck1.ApplyTelemetry(Good(10));
        await label.ApplyTelemetry(Good(500));

        var view = await Eventually.ValueAsync(line.GetView, l => l!.ThroughputPerHour > 0);
        var hours = TimeSpan.FromMilliseconds(200).TotalHours;
        Assert.InRange(view!.ThroughputPerHour, 1, 10 / hours);
    }
}
