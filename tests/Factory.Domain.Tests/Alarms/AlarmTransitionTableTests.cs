using Factory.Domain.Alarms;
using Xunit;

namespace Factory.Domain.Tests.Alarms;

/// <summary>Every operation from every state (with the condition active and clear where both can occur).</summary>
public class AlarmTransitionTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly string[] Operations = ["activate", "clear", "ack", "reset", "shelve", "unshelve", "suppress", "unsuppress", "remove", "return"];

    // Columns follow Operations; "-" is a refusal.
    private static readonly Dictionary<string, string[]> Table = new()
    {
        ["Normal"] = ["Unacknowledged", "-", "-", "-", "Shelved", "-", "Suppressed", "-", "OutOfService", "-"],
        ["Unacknowledged"] = ["-", "ReturnedUnacknowledged", "Acknowledged", "-", "Shelved", "-", "Suppressed", "-", "OutOfService", "-"],
        ["Acknowledged"] = ["-", "Normal", "-", "-", "Shelved", "-", "Suppressed", "-", "OutOfService", "-"],
        ["ReturnedUnacknowledged"] = ["Unacknowledged", "-", "Normal", "-", "Shelved", "-", "Suppressed", "-", "OutOfService", "-"],
        ["Latched"] = ["Unacknowledged", "-", "-", "Normal", "Shelved", "-", "Suppressed", "-", "OutOfService", "-"],
        ["ShelvedActive"] = ["-", "Shelved", "-", "-", "-", "Unacknowledged", "Suppressed", "-", "OutOfService", "-"],
        ["ShelvedClear"] = ["Shelved", "-", "-", "-", "-", "Normal", "Suppressed", "-", "OutOfService", "-"],
        ["SuppressedActive"] = ["-", "Suppressed", "-", "-", "-", "-", "-", "Unacknowledged", "OutOfService", "-"],
        ["SuppressedClear"] = ["Suppressed", "-", "-", "-", "-", "-", "-", "Normal", "OutOfService", "-"],
        ["OutOfServiceActive"] = ["-", "OutOfService", "-", "-", "-", "-", "-", "-", "-", "Unacknowledged"],
        ["OutOfServiceClear"] = ["OutOfService", "-", "-", "-", "-", "-", "-", "-", "-", "Normal"],
    };

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var (start, row) in Table)
        {
            for (var i = 0; i < Operations.Length; i++)
            {
                data.Add(start, Operations[i], row[i]);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Transition(string start, string operation, string expected)
    {
        var alarm = Reach(start);
        var at = T0.AddMinutes(30);
        var t = operation switch
        {
            "activate" => alarm.Activate(at),
            "clear" => alarm.Clear(at),
            "ack" => alarm.Acknowledge("ana", at),
            "reset" => alarm.Reset("ana", at),
            "shelve" => alarm.Shelve("ana", "nuisance", at.AddHours(1), at),
            "unshelve" => alarm.Unshelve("ana", at),
            "suppress" => alarm.Suppress("design", "machine stopped", at),
            "unsuppress" => alarm.Unsuppress("design", at),
            "remove" => alarm.RemoveFromService("ana", "repair", at),
            "return" => alarm.ReturnToService("ana", at),
            _ => throw new ArgumentException(operation),
        };

        if (expected == "-")
        {
            Assert.NotNull(t.Refusal);
            Assert.Same(alarm, t.Alarm);
            Assert.Empty(t.Events);
            return;
        }

        Assert.Null(t.Refusal);
        var e = Assert.Single(t.Events);
        Assert.Equal(Enum.Parse<AlarmState>(expected), t.Alarm.State);
        Assert.Equal((alarm.State, t.Alarm.State, at), (e.From, e.To, e.At));
        Assert.Equal(operation is "activate" or "clear" ? Alarm.System : operation is "suppress" or "unsuppress" ? "design" : "ana", e.Who);
    }

    private static Alarm Reach(string state)
    {
        var definition = new AlarmDefinition("A1", "m1", "x", "bit 1", AlarmPriority.High, Latched: state == "Latched", "m");
        var a = Alarm.New(definition, T0);
        Alarm Do(Func<Alarm, AlarmTransition> step)
        {
            var t = step(a);
            Assert.Null(t.Refusal);
            return a = t.Alarm;
        }

        var active = !state.EndsWith("Clear", StringComparison.Ordinal);
        switch (state)
        {
            case "Normal":
                break;
            case "Unacknowledged":
                Do(x => x.Activate(T0));
                break;
            case "Acknowledged":
                Do(x => x.Activate(T0));
                Do(x => x.Acknowledge("bo", T0.AddMinutes(1)));
                break;
            case "ReturnedUnacknowledged":
                Do(x => x.Activate(T0));
                Do(x => x.Clear(T0.AddMinutes(1)));
                break;
            case "Latched":
                Do(x => x.Activate(T0));
                Do(x => x.Acknowledge("bo", T0.AddMinutes(1)));
                Do(x => x.Clear(T0.AddMinutes(2)));
                break;
            default:
                if (active)
                {
                    Do(x => x.Activate(T0));
                }

                Do(state.StartsWith("Shelved", StringComparison.Ordinal) ? x => x.Shelve("bo", "noise", T0.AddHours(2), T0.AddMinutes(1))
                    : state.StartsWith("Suppressed", StringComparison.Ordinal) ? x => x.Suppress("design", "mode", T0.AddMinutes(1))
                    : x => x.RemoveFromService("bo", "repair", T0.AddMinutes(1)));
                break;
        }

        Assert.Equal(active && state != "Normal" && state != "ReturnedUnacknowledged" && state != "Latched", a.ConditionActive);
        return a;
    }
}
