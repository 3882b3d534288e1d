using Factory.Domain.Alarms;
using Xunit;

namespace Factory.Domain.Tests.Alarms;

public class AlarmAnalyticsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    private static AlarmEvent Annunciated(string alarm, string area, DateTimeOffset at, string machine = "m1") =>
        new(alarm, machine, area, AlarmPriority.Medium, at, Alarm.System, AlarmAction.Activated, AlarmState.Normal, AlarmState.Unacknowledged, null);

    [Fact]
    public void Rate_per_hour_counts_annunciations_only()
    {
        var history = new List<AlarmEvent>
        {
            Annunciated("A1", "x", T0.AddMinutes(5)),
            Annunciated("A2", "x", T0.AddMinutes(50)),
            Annunciated("A1", "x", T0.AddMinutes(70)),
            Annunciated("A3", "x", T0.AddMinutes(75)) with { From = AlarmState.Shelved, To = AlarmState.Shelved },
            Annunciated("A1", "x", T0.AddMinutes(80)) with { Action = AlarmAction.Acknowledged, To = AlarmState.Acknowledged, Who = "ana" },
        };
        var rates = AlarmAnalytics.RatePerHour(history, T0, T0.AddHours(3));
        Assert.Equal([2, 1, 0], rates.Select(r => r.Count));
        Assert.Equal(T0.AddHours(1), rates[1].HourStart);
        Assert.Empty(AlarmAnalytics.RatePerHour(history, T0, T0));
    }

    [Fact]
    public void Flood_is_ten_alarms_in_ten_minutes_per_area()
    {
        var history = Enumerable.Range(0, 12).Select(i => Annunciated($"A{i}", "packing", T0.AddSeconds(i * 50))).ToList();
        // Nine in another area in the same period: not a flood there.
        history.AddRange(Enumerable.Range(0, 9).Select(i => Annunciated($"B{i}", "filling", T0.AddSeconds(i * 10))));
        // Ten spread over more than ten minutes: not a flood.
        history.AddRange(Enumerable.Range(0, 10).Select(i => Annunciated($"C{i}", "mixing", T0.AddMinutes(i * 1.2))));
        var flood = Assert.Single(AlarmAnalytics.Floods(history));
        Assert.Equal(("packing", T0, T0.AddSeconds(550), 12), (flood.Area, flood.Start, flood.End, flood.Count));

        var stricter = AlarmAnalytics.Floods(history, new AlarmAnalysisSettings(FloodThreshold: 5, FloodWindow: TimeSpan.FromMinutes(2)));
        Assert.Contains(stricter, f => f.Area == "filling");
    }

    [Fact]
    public void Chattering_is_three_activations_in_a_minute()
    {
        var history = new List<AlarmEvent>
        {
            Annunciated("A1", "x", T0),
            Annunciated("A1", "x", T0.AddSeconds(20)),
            Annunciated("A1", "x", T0.AddSeconds(40)) with { From = AlarmState.Shelved, To = AlarmState.Shelved }, // still chatters while shelved
            Annunciated("A2", "x", T0),
            Annunciated("A2", "x", T0.AddSeconds(40)),
            Annunciated("A2", "x", T0.AddSeconds(70)),
        };
        var chatter = Assert.Single(AlarmAnalytics.Chattering(history));
        Assert.Equal(("A1", 3), (chatter.AlarmId, chatter.Activations));

        var definitions = new Dictionary<string, AlarmDefinition>
        {
            ["A2"] = new("A2", "m1", "x", "bit 7", AlarmPriority.Low, false, "m", ChatterActivations: 3, ChatterWindow: TimeSpan.FromMinutes(2)),
        };
        Assert.Equal(2, AlarmAnalytics.Chattering(history, null, definitions).Count);
    }

    [Fact]
    public void Stale_alarms_have_been_active_over_a_day()
    {
        var definition = new AlarmDefinition("A1", "m1", "x", "bit 1", AlarmPriority.Low, false, "m");
        var old = Alarm.New(definition, T0).Activate(T0).Alarm;
        var recent = Alarm.New(definition with { Id = "A2" }, T0).Activate(T0.AddHours(20)).Alarm;
        var oos = old.RemoveFromService("ana", "broken", T0.AddHours(1)).Alarm;
        var stale = AlarmAnalytics.Stale([old, recent, oos], T0.AddHours(25));
        Assert.Equal(["A1"], stale.Select(a => a.Id));
    }

    [Fact]
    public void History_query_filters_by_time_machine_state_and_user()
    {
        var definition = new AlarmDefinition("A1", "m1", "x", "bit 1", AlarmPriority.Low, false, "m");
        var events = new List<AlarmEvent>();
        var a = Alarm.New(definition, T0);
        foreach (var step in new Func<Alarm, AlarmTransition>[]
        {
            x => x.Activate(T0),
            x => x.Acknowledge("ana", T0.AddMinutes(1)),
            x => x.Clear(T0.AddMinutes(2)),
            x => x.Shelve("bo", "maintenance", T0.AddHours(1), T0.AddMinutes(3)),
        })
        {
            var t = step(a);
            events.AddRange(t.Events);
            a = t.Alarm;
        }

        events.Add(Annunciated("Z", "y", T0.AddMinutes(1), "m2"));
        Assert.Equal(["ana"], new AlarmHistoryQuery(User: "ANA").Apply(events).Select(e => e.Who));
        Assert.Equal(4, new AlarmHistoryQuery(MachineId: "m1").Apply(events).Count);
        Assert.Equal([AlarmAction.Shelved], new AlarmHistoryQuery(State: AlarmState.Shelved).Apply(events).Select(e => e.Action));
        Assert.Equal(3, new AlarmHistoryQuery(From: T0.AddMinutes(1), To: T0.AddMinutes(3)).Apply(events).Count);
        Assert.Equal(T0.AddMinutes(3), new AlarmHistoryQuery(Limit: 1).Apply(events).Single().At);
    }
}
