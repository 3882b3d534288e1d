using System.Collections.Immutable;
using Factory.Domain.Alarms;
using Factory.Domain.Notifications;
using Xunit;

namespace Factory.Domain.Tests.Notifications;

public class NotificationRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private static NotificationRule Rule(NotificationKind kind, ImmutableArray<AndonKind> andonKinds = default, ImmutableArray<string> machines = default) => new(
        "r", "S1", kind, AlarmPriority.Urgent, machines, [], [new EscalationLevel(TimeSpan.Zero, [new NotificationRecipient(NotificationChannel.Email, "crew@plant.example")])], andonKinds);

    private static NotificationEvent Andon(AndonKind kind, string machine = "CNC-01") => new(
        $"{machine}.andon@{T0.UtcTicks}", "S1", NotificationKind.AndonCall, $"{machine}.andon", machine, AlarmPriority.Low, T0, "Andon", "Andon", kind);

    private static NotificationEvent AtRisk(string order = "WO-1") => new(
        $"{order}@risk@{T0.UtcTicks}", "S1", NotificationKind.OrderAtRisk, $"order:{order}", "", null, T0, "At risk", "At risk");

    [Fact]
    public void An_andon_rule_hears_its_kinds_whatever_the_alarm_priority()
    {
        var maintenance = Rule(NotificationKind.AndonCall, [AndonKind.Maintenance]);
        Assert.True(maintenance.Matches(Andon(AndonKind.Maintenance), ""));
        Assert.False(maintenance.Matches(Andon(AndonKind.Material), ""));
        Assert.True(Rule(NotificationKind.AndonCall).Matches(Andon(AndonKind.Help), ""));
        Assert.False(Rule(NotificationKind.AndonCall, machines: ["CNC-02"]).Matches(Andon(AndonKind.Help), ""));
    }

    [Fact]
    public void Each_kind_of_rule_hears_only_its_kind_of_event()
    {
        Assert.False(Rule(NotificationKind.AlarmRaised).Matches(Andon(AndonKind.Help), ""));
        Assert.False(Rule(NotificationKind.AndonCall).Matches(AtRisk(), ""));
        Assert.True(Rule(NotificationKind.OrderAtRisk).Matches(AtRisk(), ""));
        Assert.False(Rule(NotificationKind.OrderAtRisk).Matches(Andon(AndonKind.Help), ""));
    }

    [Fact]
    public void An_unknown_andon_kind_makes_the_rule_invalid()
    {
        Assert.Empty(Rule(NotificationKind.AndonCall, [AndonKind.Quality]).Validate());
        Assert.NotEmpty(Rule(NotificationKind.AndonCall, [(AndonKind)42]).Validate());
    }
}
