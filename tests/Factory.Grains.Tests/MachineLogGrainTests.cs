using System.Collections.Immutable;
using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Domain;
using Factory.Domain.Alarms;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MachineLogGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Every_state_the_machine_enters_is_logged_with_its_exact_start()
    {
        var plant = await new PlantBuilder(fixture.Grains).WithLineAsync(("m1", ["mill"], PackMlState.Idle));
        var machine = fixture.Grains.GetGrain<IMachineGrain>(plant.Id("m1"));
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(plant.Id("m1"));
        Assert.True((await machine.ExecuteCommand(PackMlCommand.Start)).Accepted);
        var execute = await Eventually.ValueAsync(machine.GetView, m => m!.State == PackMlState.Execute);

        var view = await Eventually.ValueAsync(
            () => log.GetLog(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(1)),
            l => l.Events.Any(e => e.State == PackMlState.Execute));
        Assert.Equal([PackMlState.Idle, PackMlState.Starting, PackMlState.Execute], view.Events.Select(e => e.State));
        Assert.Equal(execute!.StateSince, view.Events[^1].At);
    }

    [Fact]
    public async Task A_bad_batch_is_refused_whole_and_changes_nothing()
    {
        var log = fixture.Grains.GetGrain<IMachineLogGrain>("log-" + Guid.NewGuid().ToString("N"));
        var at = new DateTimeOffset(2026, 11, 2, 5, 0, 0, TimeSpan.Zero);
        var ok = await log.Post([new MachineEventInput(at, PackMlState.Execute, null, null, null, null, 0, 0, 0, null, null)]);
        Assert.True(ok.Accepted, ok.Reason);
        var before = await log.GetLog(at.AddHours(-1), at.AddHours(9));

        var refused = await log.Post([
            new MachineEventInput(at.AddHours(1), PackMlState.Aborted, null, null, null, null, 0, 0, 0, null, null),
            new MachineEventInput(at.AddHours(2), null, null, null, null, null, -3, 0, 0, 1, null),
        ]);

        Assert.Equal(RefusalKind.Invalid, refused.RefusalKind);
        Structurally.Equal(before, await log.GetLog(at.AddHours(-1), at.AddHours(9)));
    }

    [Fact]
    public async Task A_plc_reason_number_on_the_reason_tag_names_the_stop()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(id);
        await log.Configure(new MachineLogSettings(id, "site-" + id, "line-" + id, 1, [], [], "reason",
            ImmutableDictionary<int, string>.Empty.Add(1, "mechanical")));
        var since = DateTimeOffset.UtcNow.AddSeconds(-5);
        var telemetry = Factory.Contracts.Views.TelemetryView.Empty with { Tags = ImmutableDictionary<string, string>.Empty.Add("reason", "1") };
        var view = LoggedMachine.View(id, PackMlState.Stopped, since, telemetry);

        await log.Record(view);

        var logged = await Eventually.ValueAsync(() => log.GetLog(since.AddMinutes(-1), since.AddMinutes(1)), l => l.Events.Length > 0);
        var stop = Assert.Single(logged.Events);
        Assert.Equal(since, stop.At);
        Assert.Equal("mechanical", stop.ReasonCode);
    }

    [Fact]
    public async Task A_tail_read_gives_only_the_tail_unless_the_past_before_it_changed()
    {
        var log = fixture.Grains.GetGrain<IMachineLogGrain>("log-" + Guid.NewGuid().ToString("N"));
        var start = new DateTimeOffset(2026, 11, 2, 6, 0, 0, TimeSpan.Zero);
        MachineEventInput State(int minutes, PackMlState state) => new(start.AddMinutes(minutes), state, null, null, null, null, 0, 0, 0, null, null);
        Assert.True((await log.Post([State(0, PackMlState.Execute), State(10, PackMlState.Held), State(20, PackMlState.Execute)])).Accepted);
        var end = start.AddHours(8);

        var first = await log.GetLogTail(start, start, end, Guid.Empty, 0);
        Assert.True(first.FromStart);
        Assert.Equal(3, first.Log.Events.Length);

        // A change after the reader's instant: only the tail, from the event in force there.
        Assert.True((await log.Post([State(30, PackMlState.Held)])).Accepted);
        var tail = await log.GetLogTail(start, start.AddMinutes(25), end, first.Epoch, first.Revision);
        Assert.False(tail.FromStart);
        Assert.Equal([start.AddMinutes(20), start.AddMinutes(30)], tail.Log.Events.Select(e => e.At));

        // A backfill before it, or a planned stop anywhere: from the window's start.
        Assert.True((await log.Post([State(5, PackMlState.Suspended)])).Accepted);
        var backfilled = await log.GetLogTail(start, start.AddMinutes(25), end, tail.Epoch, tail.Revision);
        Assert.True(backfilled.FromStart);
        Assert.Equal(5, backfilled.Log.Events.Length);
        Assert.True((await log.AddPlannedStop(new PlannedStopView(log.GetPrimaryKeyString(), Factory.Domain.Oee.PlannedStopKind.Break, end.AddHours(-1), end, null))).Accepted);
        var stopped = await log.GetLogTail(start, start.AddMinutes(25), end, backfilled.Epoch, backfilled.Revision);
        Assert.True(stopped.FromStart);
        Assert.Single(stopped.Log.Stops);
    }
}
