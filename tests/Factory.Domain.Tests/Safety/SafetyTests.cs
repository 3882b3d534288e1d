using Factory.Domain.Oee;
using Factory.Domain.Safety;
using Xunit;

namespace Factory.Domain.Tests.Safety;

public class SafetyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_safety_tag_raises_and_closes_one_event()
    {
        var raised = SafetyStops.Track(null, "m1", SafetyStopKind.EmergencyStop, "Press1.EStop", tripped: true, T0);
        Assert.NotNull(raised);
        Assert.True(raised!.IsOpen);
        Assert.Null(SafetyStops.Track(raised, "m1", SafetyStopKind.EmergencyStop, "Press1.EStop", tripped: true, T0.AddSeconds(1)));
        var closed = SafetyStops.Track(raised, "m1", SafetyStopKind.EmergencyStop, "Press1.EStop", tripped: false, T0.AddMinutes(3));
        Assert.Equal(T0.AddMinutes(3), closed!.End);
        Assert.Equal(TimeSpan.FromMinutes(3), closed.DurationAt(T0.AddHours(1)));
        Assert.Null(SafetyStops.Track(null, "m1", SafetyStopKind.EmergencyStop, "Press1.EStop", tripped: false, T0));
        Assert.Equal(raised.Start, SafetyStops.Track(raised, "m1", SafetyStopKind.EmergencyStop, "Press1.EStop", false, T0.AddSeconds(-5))!.End);
    }

    [Fact]
    public void Summary_counts_stops_and_incidents_in_the_window()
    {
        var window = new TimeRange(T0, T0.AddHours(8));
        var stops = new[]
        {
            new SafetyEvent("m1", SafetyStopKind.EmergencyStop, "EStop", T0.AddHours(-1), T0.AddMinutes(10)), // began before: time only
            new SafetyEvent("m1", SafetyStopKind.GuardOpen, "Guard", T0.AddHours(1), T0.AddHours(1).AddMinutes(5)),
            new SafetyEvent("m2", SafetyStopKind.GuardOpen, "Guard", T0.AddHours(7).AddMinutes(50)), // still open
        };
        var incidents = new[]
        {
            new Incident("i1", IncidentSubject.Worker, "w1", IncidentSeverity.FirstAid, "cut finger", "ana", T0.AddHours(2)),
            new Incident("i2", IncidentSubject.Machine, "m1", IncidentSeverity.NearMiss, "part ejected", "bo", T0.AddHours(3)),
            new Incident("i3", IncidentSubject.Line, "l1", IncidentSeverity.NearMiss, "spill", "bo", T0.AddHours(9)),
        };
        var summary = SafetySummary.For(window, stops, incidents, T0.AddHours(9));
        Assert.Equal(2, summary.SafetyStops);
        Assert.Equal(2, summary.StopsByKind[SafetyStopKind.GuardOpen]);
        Assert.Equal(TimeSpan.FromMinutes(10 + 5 + 10), summary.StoppedTime);
        Assert.Equal(2, summary.Incidents);
        Assert.Equal(1, summary.IncidentsBySeverity[IncidentSeverity.NearMiss]);
    }

    [Fact]
    public void Incidents_are_validated()
    {
        Assert.Empty(new Incident("i1", IncidentSubject.Worker, "w1", IncidentSeverity.FirstAid, "cut", "ana", T0).Validate());
        Assert.Equal(3, new Incident("i1", (IncidentSubject)9, "w1", IncidentSeverity.FirstAid, " ", "", T0).Validate().Count);
    }
}
