using System.Collections.Immutable;
using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Contracts.Views;
using Factory.Domain;
using Factory.Domain.History;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Grains.History;

namespace Factory.Grains.Tests.History;

/// <summary>The grains append to the historian: once their call returns, the rows are in the file (read with a second store).</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainHistoryTests(ClusterFixture fixture)
{
    private SqliteHistorian Store => new(Path.Combine(fixture.DataDirectory, "history.db"));

    [Fact]
    public async Task Every_value_of_an_acknowledged_telemetry_batch_is_stored_when_the_call_returns()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var id = plant.Id("m1");
        var machine = fixture.Grains.GetGrain<IMachineGrain>(id);
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        var batches = Enumerable.Range(0, 20).Select(i => new MachineTelemetry("sim", null, null, null, 100 + i, 90 + i, i, 42.5 + i, 50,
            ImmutableDictionary<string, double>.Empty.Add("spindle", 61.25), ImmutableDictionary<string, string>.Empty.Add("door", i % 2 == 0 ? "true" : "false").Add("label", "abc"),
            DataQuality.Good, at.AddMilliseconds(100 * i), 7)).ToList();

        await Task.WhenAll(batches.Select(machine.ApplyTelemetry));

        var window = HistoryWindow.Create(at.AddSeconds(-1), at.AddSeconds(10)).Window!;
        var store = Store;
        Assert.Equal(["door", "good", "produced", "scrap", "setpoint", "speed", "spindle"], await store.TagsAsync(id));
        var speed = await store.QueryAsync(id, "speed", window);
        Assert.Equal(batches.Select(b => (b.SourceTimestamp, b.Speed!.Value)), speed.Points.Select(p => (p.At, p.Last)));
        Assert.Equal(Enumerable.Range(0, 20).Select(i => i % 2 == 0 ? 1d : 0d), (await store.QueryAsync(id, "door", window)).Points.Select(p => p.Last));
        Assert.All((await store.QueryAsync(id, "spindle", window)).Points, p => Assert.Equal(61.25, p.Last));
    }

    [Fact]
    public async Task States_counts_and_tags_posted_to_a_machine_log_are_stored_when_the_post_returns()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(id);
        var at = new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero);
        var result = await log.Post([
            new MachineEventInput(at, PackMlState.Execute, null, null, null, "WO-1", 0, 0, 0, null, null),
            new MachineEventInput(at.AddMinutes(5), null, null, null, null, "WO-1", 12, 1, 0, 6, ImmutableDictionary<string, double>.Empty.Add("oven", 181.5)),
            new MachineEventInput(at.AddMinutes(10), PackMlState.Held, null, null, "jam", "WO-1", 0, 0, 0, null, null),
        ]);
        Assert.True(result.Accepted, result.Reason);

        var store = Store;
        var states = await store.StatesAsync(id, at, at.AddHours(1));
        Assert.Equal([(at, PackMlState.Execute, (string?)null), (at.AddMinutes(10), PackMlState.Held, "jam")], states.Select(s => (s.At, s.State, s.ReasonCode)));
        var counts = await store.CountsAsync(id, at, at.AddHours(1));
        Assert.Equal([(at.AddMinutes(5), 12L, 1L, TimeSpan.FromSeconds(6), (string?)"WO-1")], counts.Select(c => (c.At, c.Good, c.Scrap, c.IdealCycleTime, c.WorkOrderId)));
        var oven = await store.QueryAsync(id, "oven", HistoryWindow.Create(at, at.AddHours(1)).Window!);
        Assert.Equal([(at.AddMinutes(5), 181.5)], oven.Points.Select(p => (p.At, p.Last)));

        Assert.False((await log.AttachReason(at, "warm-up")).Accepted); // production, not down time
        Assert.True((await log.AttachReason(at.AddMinutes(10), "material")).Accepted);
        Assert.Equal("material", (await store.StatesAsync(id, at.AddMinutes(10), at.AddHours(1))).Single().ReasonCode);
    }
}
