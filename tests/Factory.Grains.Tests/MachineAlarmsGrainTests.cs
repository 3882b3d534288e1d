using System.Collections.Immutable;
using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Contracts.Views;
using Factory.Domain;
using Factory.Domain.Alarms;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Safety;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Factory.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class MachineAlarmsGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task An_alarm_bit_activates_is_acknowledged_and_a_shelf_is_lifted_when_its_time_is_up()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(id);
        var alarms = fixture.Grains.GetGrain<IMachineAlarmsGrain>(id);
        var alarmId = id + ".door";
        await log.Configure(Settings(id, [Door(id)], []));

        Assert.Equal(AlarmState.Normal, (await alarms.GetAlarms()).Single().State);
        var now = DateTimeOffset.UtcNow;
        Assert.True((await log.Post([new MachineEventInput(now, null, null, null, null, null, 0, 0, 0, null, ImmutableDictionary<string, double>.Empty.Add("door", 1))])).Accepted);
        Assert.Equal(AlarmState.Unacknowledged, (await alarms.GetAlarms()).Single().State);
        Assert.True((await alarms.Acknowledge(alarmId, "ana", "seen")).Accepted);
        Assert.Equal(RefusalKind.Conflict, (await alarms.Acknowledge(alarmId, "ana", "again")).RefusalKind);
        Assert.True((await alarms.Shelve(alarmId, "ana", "repair", DateTimeOffset.UtcNow.AddSeconds(1))).Accepted);
        Assert.Equal(AlarmState.Shelved, (await alarms.GetAlarms()).Single().State);

        var back = await Eventually.ValueAsync(async () => (await alarms.GetAlarms()).Single(), a => a.State != AlarmState.Shelved);
        Assert.Equal(AlarmState.Unacknowledged, back.State);
        var history = await alarms.GetAlarmHistory(null, null);
        Assert.Equal(
            [AlarmAction.Activated, AlarmAction.Acknowledged, AlarmAction.Shelved, AlarmAction.ShelfExpired],
            history.Select(e => e.Action));
        Assert.Equal("system", history[^1].Who);
    }

    [Fact]
    public async Task The_machines_live_tags_raise_and_clear_its_alarm_and_safety_stop()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(id);
        var alarms = fixture.Grains.GetGrain<IMachineAlarmsGrain>(id);
        await log.Configure(Settings(id, [Door(id)], [new SafetyTagView("estop", SafetyStopKind.EmergencyStop)]));
        var since = DateTimeOffset.UtcNow.AddSeconds(-10);

        // The door bit comes as a number (what a connector reads from a boolean), the e-stop as text ("1") from a string tag.
        await log.Record(View(id, since, door: 1, estop: "1"));
        var raised = await Eventually.ValueAsync(alarms.GetAlarms, a => a.Single().ConditionActive);
        Assert.Equal(AlarmState.Unacknowledged, raised.Single().State);
        var stop = Assert.Single(await Eventually.ValueAsync(() => alarms.GetSafetyEvents(null, null), e => e.Length > 0));
        Assert.Equal((SafetyStopKind.EmergencyStop, "estop"), (stop.Kind, stop.Source));
        Assert.Null(stop.End);

        await log.Record(View(id, since, door: 0, estop: "0"));
        var cleared = await Eventually.ValueAsync(alarms.GetAlarms, a => !a.Single().ConditionActive);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, cleared.Single().State);
        var ended = Assert.Single(await Eventually.ValueAsync(() => alarms.GetSafetyEvents(null, null), e => e.Single().End is not null));
        Assert.Equal(stop.Start, ended.Start);
        Assert.Equal([AlarmAction.Activated, AlarmAction.Cleared], (await alarms.GetAlarmHistory(null, null)).Select(e => e.Action));
    }

    [Fact]
    public async Task Alarms_a_stored_log_still_holds_are_handed_over_whole_and_leave_the_log()
    {
        var id = "log-" + Guid.NewGuid().ToString("N");
        var log = fixture.Grains.GetGrain<IMachineLogGrain>(id);
        var settings = Settings(id, [Door(id)], [new SafetyTagView("estop", SafetyStopKind.EmergencyStop)]);
        var at = DateTimeOffset.UtcNow.AddHours(-2);
        var door = Alarm.New(Door(id).ToDomain(), at.AddHours(-1)).Activate(at, "value 1").Alarm;
        var acknowledged = door.Acknowledge("ana", at.AddMinutes(1), "seen");
        var history = new List<AlarmEventView>
        {
            new(door.Id, id, "area", AlarmPriority.High, at, Alarm.System, AlarmAction.Activated, AlarmState.Normal, AlarmState.Unacknowledged, "value 1"),
        };
        history.AddRange(acknowledged.Events.Select(AlarmEventView.Of));
        var safety = new SafetyEventView(id, SafetyStopKind.EmergencyStop, "estop", at, at.AddMinutes(5));
        var legacy = new MachineLogState { Settings = settings, Alarms = [acknowledged.Alarm], AlarmHistory = history, SafetyEvents = [safety], Version = 7 };
        var storage = fixture.Cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.Plant);
        await storage.WriteStateAsync("machine-log", log.GetGrainId(), new GrainState<MachineLogState>(legacy));

        await log.GetPlannedStops(); // activates the log, which hands its alarms over

        var alarms = fixture.Grains.GetGrain<IMachineAlarmsGrain>(id);
        var alarm = Assert.Single(await alarms.GetAlarms());
        Assert.Equal((AlarmState.Acknowledged, true, at, acknowledged.Alarm.Version), (alarm.State, alarm.ConditionActive, alarm.ActiveSince, alarm.Version));
        Assert.Equal(history, await alarms.GetAlarmHistory(null, null));
        var kept = Assert.Single(await alarms.GetSafetyEvents(null, null));
        Assert.Equal(safety, kept);
        var stored = new GrainState<MachineLogState>(new MachineLogState());
        await storage.ReadStateAsync("machine-log", log.GetGrainId(), stored);
        var left = stored.State ?? throw new InvalidOperationException("the log's state was not read back");
        Assert.Equal((0, 0, 0), (left.Alarms.Count, left.AlarmHistory.Count, left.SafetyEvents.Count));
        Assert.Equal(settings, left.Settings);

        // The alarm carries on where it was: acknowledged, its condition clears and it is back to Normal.
        Assert.True((await log.Post([new MachineEventInput(DateTimeOffset.UtcNow, null, null, null, null, null, 0, 0, 0, null, ImmutableDictionary<string, double>.Empty.Add("door", 0))])).Accepted);
        Assert.Equal(AlarmState.Normal, (await alarms.GetAlarms()).Single().State);
    }

    private static AlarmDefinitionView Door(string machineId) =>
        new(machineId + ".door", machineId, "area", "door", AlarmConditionKind.Bit, 0, 0, AlarmPriority.High, false, "door open", null);

    private static MachineLogSettings Settings(string id, ImmutableArray<AlarmDefinitionView> alarms, ImmutableArray<SafetyTagView> safety) =>
        new(id, "site-" + id, "line-" + id, 1, alarms, safety, "reason", ImmutableDictionary<int, string>.Empty);

    private static MachineView View(string id, DateTimeOffset since, double door, string estop) =>
        LoggedMachine.View(id, PackMlState.Execute, since, TelemetryView.Empty with
        {
            Numbers = ImmutableDictionary<string, double>.Empty.Add("door", door),
            Tags = ImmutableDictionary<string, string>.Empty.Add("estop", estop),
            SourceTimestamp = DateTimeOffset.UtcNow,
        });
}
