using Factory.Domain.Alarms;
using Xunit;

namespace Factory.Domain.Tests.Alarms;

public class AlarmConditionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deadband_keeps_a_hovering_value_from_chattering()
    {
        var high = new AlarmCondition(AlarmConditionKind.High, Limit: 250, Deadband: 5);
        var alarm = Alarm.New(new AlarmDefinition("A1", "m1", "x", "Oven1.Temp > 250", AlarmPriority.High, false, "hot"), T0);
        var history = new List<AlarmEvent>();
        var values = new[] { 240, 251, 249, 251, 248, 252, 244, 251 };
        for (var i = 0; i < values.Length; i++)
        {
            var t = alarm.Observe(high, values[i], T0.AddSeconds(i * 5));
            Assert.Null(t.Refusal);
            history.AddRange(t.Events);
            alarm = t.Alarm;
        }

        // Active at 251, cleared only at 244 (below 245), active again at 251.
        Assert.Equal([AlarmAction.Activated, AlarmAction.Cleared, AlarmAction.Activated], history.Select(e => e.Action));
        Assert.Empty(AlarmAnalytics.Chattering(history));
    }

    [Fact]
    public void Low_and_bit_conditions()
    {
        var low = new AlarmCondition(AlarmConditionKind.Low, Limit: 2, Deadband: 0.5);
        Assert.True(low.IsActive(1.9, false));
        Assert.True(low.IsActive(2.3, true));
        Assert.False(low.IsActive(2.6, true));
        Assert.True(low.IsActive(double.NaN, true));
        Assert.True(AlarmCondition.Bit.IsActive(1, false));
        Assert.False(AlarmCondition.Bit.IsActive(0, true));
    }

    [Fact]
    public void Observing_an_unchanged_condition_does_nothing_but_expire_a_shelf()
    {
        var alarm = Alarm.New(new AlarmDefinition("A1", "m1", "x", "bit 3", AlarmPriority.Low, false, "m"), T0);
        var same = alarm.Observe(false, T0.AddSeconds(1));
        Assert.Null(same.Refusal);
        Assert.Empty(same.Events);
        var shelved = alarm.Shelve("ana", "noise", T0.AddMinutes(10), T0).Alarm;
        var expired = shelved.Observe(false, T0.AddMinutes(11));
        Assert.Equal(AlarmAction.ShelfExpired, Assert.Single(expired.Events).Action);
        Assert.Equal(AlarmState.Normal, expired.Alarm.State);
    }
}
