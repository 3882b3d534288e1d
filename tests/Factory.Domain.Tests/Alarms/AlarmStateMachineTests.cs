using Factory.Domain.Alarms;
using Xunit;

namespace Factory.Domain.Tests.Alarms;

public class AlarmStateMachineTests
{
    private static readonly DateTimeOffset T0 = new(2026, 2, 10, 9, 0, 0, TimeSpan.Zero);

    private static AlarmDefinition Definition(bool latched = false) =>
        new("A1", "m1", "area1", "Oven1.Temp > 250", AlarmPriority.High, latched, "Oven too hot");

    private static Alarm Fresh(bool latched = false) => Alarm.New(Definition(latched), T0);

    private static Alarm Ok(AlarmTransition t, AlarmAction action, AlarmState from, AlarmState to, string who = Alarm.System)
    {
        Assert.Null(t.Refusal);
        var e = t.Events[^1];
        Assert.Equal((action, from, to, who), (e.Action, e.From, e.To, e.Who));
        Assert.Equal(to, t.Alarm.State);
        return t.Alarm;
    }

    private static void Refused(Alarm alarm, AlarmTransition t, RefusalKind kind = RefusalKind.Conflict)
    {
        Assert.Equal(kind, t.Refusal!.Kind);
        Assert.Same(alarm, t.Alarm);
        Assert.Empty(t.Events);
    }

    [Fact]
    public void Acknowledge_then_clear_returns_to_normal()
    {
        var a = Ok(Fresh().Activate(T0), AlarmAction.Activated, AlarmState.Normal, AlarmState.Unacknowledged);
        Assert.True(a.ConditionActive);
        Assert.Equal(T0, a.ActiveSince);
        a = Ok(a.Acknowledge("ana", T0.AddMinutes(1), "seen"), AlarmAction.Acknowledged, AlarmState.Unacknowledged, AlarmState.Acknowledged, "ana");
        a = Ok(a.Clear(T0.AddMinutes(2)), AlarmAction.Cleared, AlarmState.Acknowledged, AlarmState.Normal);
        Assert.False(a.ConditionActive);
        Assert.Equal(3, a.Version);
    }

    [Fact]
    public void Clear_before_acknowledge_is_returned_unacknowledged_then_ack_to_normal()
    {
        var a = Fresh().Activate(T0).Alarm;
        a = Ok(a.Clear(T0.AddMinutes(1)), AlarmAction.Cleared, AlarmState.Unacknowledged, AlarmState.ReturnedUnacknowledged);
        a = Ok(a.Activate(T0.AddMinutes(2)), AlarmAction.Activated, AlarmState.ReturnedUnacknowledged, AlarmState.Unacknowledged);
        a = a.Clear(T0.AddMinutes(3)).Alarm;
        Ok(a.Acknowledge("ana", T0.AddMinutes(4)), AlarmAction.Acknowledged, AlarmState.ReturnedUnacknowledged, AlarmState.Normal, "ana");
    }

    [Fact]
    public void Latched_alarm_waits_for_reset()
    {
        var a = Fresh(latched: true).Activate(T0).Alarm.Acknowledge("ana", T0.AddMinutes(1)).Alarm;
        a = Ok(a.Clear(T0.AddMinutes(2)), AlarmAction.Cleared, AlarmState.Acknowledged, AlarmState.Latched);
        Refused(a, a.Acknowledge("ana", T0.AddMinutes(3)));
        Refused(a, a.Reset(" ", T0.AddMinutes(3)), RefusalKind.Invalid);
        Ok(a.Reset("ana", T0.AddMinutes(3)), AlarmAction.Reset, AlarmState.Latched, AlarmState.Normal, "ana");

        var b = Fresh(latched: true).Activate(T0).Alarm.Clear(T0.AddMinutes(1)).Alarm;
        b = Ok(b.Acknowledge("bo", T0.AddMinutes(2)), AlarmAction.Acknowledged, AlarmState.ReturnedUnacknowledged, AlarmState.Latched, "bo");
        Ok(b.Activate(T0.AddMinutes(3)), AlarmAction.Activated, AlarmState.Latched, AlarmState.Unacknowledged);
    }

    [Fact]
    public void Meaningless_operations_are_refused_and_change_nothing()
    {
        var a = Fresh();
        Refused(a, a.Acknowledge("ana", T0));
        Refused(a, a.Clear(T0));
        Refused(a, a.Reset("ana", T0));
        Refused(a, a.Unshelve("ana", T0));
        Refused(a, a.Unsuppress("logic", T0));
        Refused(a, a.ReturnToService("ana", T0));
        Refused(a, a.Acknowledge("", T0), RefusalKind.Invalid);
        var active = a.Activate(T0).Alarm;
        Refused(active, active.Activate(T0.AddSeconds(1)));
        var acked = active.Acknowledge("ana", T0).Alarm;
        Refused(acked, acked.Acknowledge("ana", T0));
    }

    [Fact]
    public void Shelving_hides_the_alarm_and_expires_by_itself()
    {
        var a = Fresh().Activate(T0).Alarm;
        Refused(a, a.Shelve("ana", "", T0.AddHours(1), T0), RefusalKind.Invalid);
        Refused(a, a.Shelve("ana", "sensor fault", T0, T0), RefusalKind.Invalid);
        Refused(a, a.Shelve("ana", "sensor fault", T0.AddHours(9), T0), RefusalKind.Invalid); // beyond the 8 h limit
        var until = T0.AddHours(1);
        a = Ok(a.Shelve("ana", "sensor fault", until, T0), AlarmAction.Shelved, AlarmState.Unacknowledged, AlarmState.Shelved, "ana");
        Assert.False(a.IsAnnunciated);
        Assert.Equal(("ana", "sensor fault", until), (a.ShelvedBy!, a.ShelveReason!, a.ShelvedUntil!.Value));
        Refused(a, a.Shelve("bo", "again", T0.AddMinutes(30), T0.AddMinutes(1)));

        // The condition keeps being tracked while shelved.
        a = Ok(a.Clear(T0.AddMinutes(10)), AlarmAction.Cleared, AlarmState.Shelved, AlarmState.Shelved);
        a = Ok(a.Activate(T0.AddMinutes(20)), AlarmAction.Activated, AlarmState.Shelved, AlarmState.Shelved);

        Assert.Empty(a.Evaluate(until.AddTicks(-1)).Events);
        var expiry = a.Evaluate(until.AddMinutes(5));
        var e = Assert.Single(expiry.Events);
        Assert.Equal((AlarmAction.ShelfExpired, AlarmState.Shelved, AlarmState.Unacknowledged, Alarm.System, until), (e.Action, e.From, e.To, e.Who, e.At));
        Assert.Null(expiry.Alarm.ShelvedUntil);
    }

    [Fact]
    public void An_operation_after_the_shelf_ran_out_sees_the_expiry_first()
    {
        var a = Fresh().Activate(T0).Alarm.Shelve("ana", "nuisance", T0.AddHours(1), T0).Alarm;
        var t = a.Acknowledge("bo", T0.AddHours(2));
        Assert.Null(t.Refusal);
        Assert.Equal([AlarmAction.ShelfExpired, AlarmAction.Acknowledged], t.Events.Select(x => x.Action));
        Assert.Equal(AlarmState.Acknowledged, t.Alarm.State);

        var cleared = Fresh().Shelve("ana", "nuisance", T0.AddHours(1), T0).Alarm;
        Ok(cleared.Unshelve("ana", T0.AddMinutes(5)), AlarmAction.Unshelved, AlarmState.Shelved, AlarmState.Normal, "ana");
    }

    [Fact]
    public void Suppression_and_out_of_service_hide_and_return()
    {
        var a = Fresh().Activate(T0).Alarm;
        a = Ok(a.Suppress("design:machine-in-maintenance", "machine in maintenance", T0.AddMinutes(1)), AlarmAction.Suppressed, AlarmState.Unacknowledged, AlarmState.Suppressed, "design:machine-in-maintenance");
        Refused(a, a.Suppress("x", "y", T0.AddMinutes(2)));
        Refused(a, a.Shelve("ana", "r", T0.AddHours(1), T0.AddMinutes(2)));
        a = a.Clear(T0.AddMinutes(2)).Alarm;
        a = Ok(a.Unsuppress("design:machine-in-maintenance", T0.AddMinutes(3)), AlarmAction.Unsuppressed, AlarmState.Suppressed, AlarmState.Normal, "design:machine-in-maintenance");

        Refused(a, a.RemoveFromService("ana", " ", T0.AddMinutes(4)), RefusalKind.Invalid);
        a = Ok(a.RemoveFromService("ana", "transmitter replaced", T0.AddMinutes(4)), AlarmAction.RemovedFromService, AlarmState.Normal, AlarmState.OutOfService, "ana");
        Refused(a, a.RemoveFromService("ana", "again", T0.AddMinutes(5)));
        Refused(a, a.Suppress("x", "y", T0.AddMinutes(5)));
        a = a.Activate(T0.AddMinutes(5)).Alarm;
        Assert.Equal(AlarmState.OutOfService, a.State);
        Ok(a.ReturnToService("ana", T0.AddMinutes(6)), AlarmAction.ReturnedToService, AlarmState.OutOfService, AlarmState.Unacknowledged, "ana");

        var shelved = Fresh().Shelve("ana", "r", T0.AddHours(1), T0).Alarm;
        var oos = Ok(shelved.RemoveFromService("bo", "repair", T0.AddMinutes(1)), AlarmAction.RemovedFromService, AlarmState.Shelved, AlarmState.OutOfService, "bo");
        Assert.Null(oos.ShelvedUntil);
    }

    [Fact]
    public void Definitions_are_validated()
    {
        Assert.Empty(Definition().Validate());
        Assert.NotEmpty((Definition() with { Area = "" }).Validate());
        Assert.NotEmpty((Definition() with { Priority = (AlarmPriority)9 }).Validate());
        Assert.NotEmpty((Definition() with { ChatterActivations = 1 }).Validate());
    }
}
