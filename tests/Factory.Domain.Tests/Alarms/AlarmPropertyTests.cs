using Factory.Domain.Alarms;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Alarms;

public class AlarmPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Any sequence of operations keeps the state consistent with the condition and the event trail unbroken.</summary>
    [Property(MaxTest = 500)]
    public void Random_operations_keep_the_alarm_consistent(int[] operations, bool latched)
    {
        var alarm = Alarm.New(new AlarmDefinition("A1", "m1", "x", "bit 1", AlarmPriority.High, latched, "m"), T0);
        var now = T0;
        foreach (var raw in operations ?? [])
        {
            var op = (uint)raw;
            now = now.AddMinutes(1 + op / 16 % 90);
            var t = (op % 12) switch
            {
                0 or 1 => alarm.Activate(now),
                2 or 3 => alarm.Clear(now),
                4 => alarm.Acknowledge("ana", now),
                5 => alarm.Reset("ana", now),
                6 => alarm.Shelve("ana", "nuisance", now.AddMinutes(1 + op / 8 % 120), now),
                7 => alarm.Unshelve("ana", now),
                8 => alarm.Suppress("design", "mode", now),
                9 => alarm.Unsuppress("design", now),
                10 => op / 4 % 2 == 0 ? alarm.RemoveFromService("ana", "repair", now) : alarm.ReturnToService("ana", now),
                _ => alarm.Evaluate(now),
            };

            if (t.Refusal is not null)
            {
                Assert.Same(alarm, t.Alarm);
                Assert.Empty(t.Events);
                continue;
            }

            var from = alarm.State;
            foreach (var e in t.Events)
            {
                Assert.Equal(from, e.From);
                from = e.To;
            }

            Assert.Equal(from, t.Alarm.State);
            Assert.Equal(alarm.Version + t.Events.Length, t.Alarm.Version);
            alarm = t.Alarm;

            switch (alarm.State)
            {
                case AlarmState.Acknowledged:
                    Assert.True(alarm.ConditionActive);
                    break;
                case AlarmState.Normal or AlarmState.ReturnedUnacknowledged or AlarmState.Latched:
                    Assert.False(alarm.ConditionActive);
                    break;
                case AlarmState.Shelved:
                    Assert.True(alarm.ShelvedUntil > now); // an expired shelf never survives an operation
                    break;
            }

            Assert.True(latched || alarm.State != AlarmState.Latched);
            Assert.Equal(alarm.ConditionActive, alarm.ActiveSince is not null);
        }
    }
}
