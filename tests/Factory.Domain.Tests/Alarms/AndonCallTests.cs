using Factory.Domain.Alarms;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Tests.Alarms;

public class AndonCallTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    private static Alarm NewCall(AndonKind kind) => Alarm.New(AndonCall.Definition("CNC-01", "line-a", kind), T0);

    private static MachineStateEvent State(PackMlState state, string? reason = null) =>
        new("CNC-01", T0, state, UnitMode.Production, DataQuality.Good, reason);

    private static DowntimeReasonTree Tree(params string[] codes) =>
        DowntimeReasonTree.Create(codes.Select(c => new DowntimeReason(c, c, null, DowntimeCategory.Unplanned))).Tree!;

    [Theory]
    [InlineData(AndonKind.Material, AlarmPriority.Medium)]
    [InlineData(AndonKind.Quality, AlarmPriority.High)]
    [InlineData(AndonKind.Maintenance, AlarmPriority.High)]
    [InlineData(AndonKind.Help, AlarmPriority.Medium)]
    public void Each_kind_is_a_valid_alarm_with_its_priority(AndonKind kind, AlarmPriority priority)
    {
        var definition = AndonCall.Definition("CNC-01", "line-a", kind);
        Assert.Empty(definition.Validate());
        Assert.Equal(priority, definition.Priority);
        Assert.Equal(kind, AndonCall.KindOf("CNC-01", definition.Id));
        Assert.Null(AndonCall.KindOf("CNC-02", definition.Id));
    }

    [Fact]
    public void Pulling_activates_the_alarm_with_who_called_and_a_second_pull_is_a_conflict()
    {
        var pulled = AndonCall.Pull(NewCall(AndonKind.Quality), "olga", "burrs on the edge", T0.AddMinutes(1));
        Assert.False(pulled.IsRefused);
        Assert.Equal(AlarmState.Unacknowledged, pulled.Alarm.State);
        Assert.Equal(T0.AddMinutes(1), pulled.Alarm.ActiveSince);
        var activated = Assert.Single(pulled.Events);
        Assert.Equal(AlarmAction.Activated, activated.Action);
        Assert.Contains("olga", activated.Why, StringComparison.Ordinal);
        Assert.Contains("burrs on the edge", activated.Why, StringComparison.Ordinal);

        var again = AndonCall.Pull(pulled.Alarm, "olga", null, T0.AddMinutes(2));
        Assert.Equal(RefusalKind.Conflict, again.Refusal?.Kind);
        Assert.Same(pulled.Alarm, again.Alarm);
    }

    [Fact]
    public void A_call_needs_a_user_and_a_bounded_note()
    {
        Assert.Equal(RefusalKind.Invalid, AndonCall.Pull(NewCall(AndonKind.Help), " ", null, T0).Refusal?.Kind);
        Assert.Equal(RefusalKind.Invalid, AndonCall.Pull(NewCall(AndonKind.Help), "olga", new string('x', AndonCall.MaxNoteLength + 1), T0).Refusal?.Kind);
    }

    [Fact]
    public void Answering_clears_the_call_and_acknowledging_then_returns_it_to_normal()
    {
        var pulled = AndonCall.Pull(NewCall(AndonKind.Material), "olga", null, T0).Alarm;
        Assert.Equal(RefusalKind.Conflict, AndonCall.Answer(NewCall(AndonKind.Material), "max", T0).Refusal?.Kind);
        var answered = AndonCall.Answer(pulled, "max", T0.AddMinutes(3));
        Assert.Equal(AlarmState.ReturnedUnacknowledged, answered.Alarm.State);
        var acknowledged = answered.Alarm.Acknowledge("max", T0.AddMinutes(4));
        Assert.Equal(AlarmState.Normal, acknowledged.Alarm.State);
    }

    [Fact]
    public void A_call_explains_an_unexplained_stop_only_when_the_tree_has_its_reason()
    {
        var tree = Tree("material", "quality");
        Assert.Equal("material", AndonCall.StopReason(AndonKind.Material, State(PackMlState.Held), tree));
        Assert.Null(AndonCall.StopReason(AndonKind.Help, State(PackMlState.Held), tree));
        Assert.Null(AndonCall.StopReason(AndonKind.Quality, State(PackMlState.Execute), tree));
        Assert.Null(AndonCall.StopReason(AndonKind.Quality, State(PackMlState.Stopped, "changeover"), tree));
        Assert.Null(AndonCall.StopReason(AndonKind.Quality, null, tree));
    }
}
