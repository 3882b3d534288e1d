using Factory.Domain.Alarms;
using Factory.Domain.Oee;

namespace Factory.Domain.Tests.Oee;

public sealed class StopAlarmTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 6, 0, 0, TimeSpan.Zero);

    private static AlarmEvent Event(string id, DateTimeOffset at, AlarmAction action = AlarmAction.Activated, string machine = "CNC-1") =>
        new(id, machine, "L1", AlarmPriority.High, at, "system", action, AlarmState.Normal, AlarmState.Unacknowledged, null);

    [Fact]
    public void The_alarm_activated_closest_to_the_stops_start_is_its_cause()
    {
        var history = new[] { Event("far", T0.AddMinutes(-5)), Event("fault", T0.AddSeconds(-2)), Event("later", T0.AddSeconds(8)) };
        Assert.Equal("fault", StopAlarm.Of("CNC-1", T0, history));
    }

    [Fact]
    public void Only_activations_of_the_machine_inside_the_bounds_count()
    {
        Assert.Null(StopAlarm.Of("CNC-1", T0, [Event("old", T0 - StopAlarm.Before - TimeSpan.FromTicks(1)), Event("late", T0 + StopAlarm.After + TimeSpan.FromTicks(1))]));
        Assert.Null(StopAlarm.Of("CNC-1", T0, [Event("acked", T0, AlarmAction.Acknowledged), Event("other", T0, machine: "CNC-2")]));
        Assert.Equal("edge", StopAlarm.Of("CNC-1", T0, [Event("edge", T0 - StopAlarm.Before)]));
        Assert.Null(StopAlarm.Of("CNC-1", T0, []));
    }

    [Fact]
    public void At_the_same_distance_the_one_before_the_start_wins()
    {
        Assert.Equal("before", StopAlarm.Of("CNC-1", T0, [Event("after", T0.AddSeconds(3)), Event("before", T0.AddSeconds(-3))]));
    }
}
