using System.Collections.Immutable;
using Factory.Domain.Alarms;
using Factory.Domain.Notifications;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Notifications;

public class EscalationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 4, 8, 0, 0, TimeSpan.Zero);

    private static readonly NotificationRecipient Shift = new(NotificationChannel.Email, "shift@plant.example");
    private static readonly NotificationRecipient Hook = new(NotificationChannel.Webhook, "https://hooks.example/alarm");
    private static readonly NotificationRecipient Lead = new(NotificationChannel.Email, "lead@plant.example");
    private static readonly NotificationRecipient Manager = new(NotificationChannel.Email, "manager@plant.example");

    private static NotificationRule Rule(AlarmPriority min = AlarmPriority.High, ImmutableArray<string> machines = default, ImmutableArray<string> areas = default) => new(
        "cnc-high", "S1", NotificationKind.AlarmRaised, min, machines, areas,
        [
            new EscalationLevel(TimeSpan.Zero, [Shift, Hook, Shift]),
            new EscalationLevel(TimeSpan.FromMinutes(10), [Lead]),
            new EscalationLevel(TimeSpan.FromMinutes(30), [Manager]),
        ]);

    private static NotificationEvent Raised(AlarmPriority priority = AlarmPriority.High, string machine = "CNC-01", string site = "S1") => new(
        $"{machine}.temp@{T0.UtcTicks}", site, NotificationKind.AlarmRaised, $"{machine}.temp", machine, priority, T0, "Spindle temperature high", "CNC-01: spindle temperature high");

    [Fact]
    public void The_first_level_is_sent_at_once_once_per_recipient()
    {
        var (messages, next) = Escalation.Due(Rule(), Raised(), 0, T0, acknowledged: false);
        Assert.Equal(1, next);
        Assert.Equal([Shift, Hook], messages.Select(m => m.To));
        Assert.All(messages, m => Assert.Equal(0, m.Level));
        Assert.All(messages, m => Assert.Equal("Spindle temperature high", m.Subject));
        Assert.Contains("CNC-01", messages[0].Body, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unacknowledged_alarm_escalates_level_by_level_when_each_delay_has_passed()
    {
        var rule = Rule();
        var e = Raised();
        Assert.Empty(Escalation.Due(rule, e, 1, T0.AddMinutes(9), false).Messages);
        var (second, next) = Escalation.Due(rule, e, 1, T0.AddMinutes(10), false);
        Assert.Equal([Lead], second.Select(m => m.To));
        Assert.Equal(2, next);
        Assert.StartsWith("[escalation 2", second[0].Subject, StringComparison.Ordinal);
        Assert.Equal(T0.AddMinutes(30), Escalation.NextAt(rule, e, next));
        var (last, end) = Escalation.Due(rule, e, next, T0.AddHours(2), false);
        Assert.Equal([Manager], last.Select(m => m.To));
        Assert.Equal(3, end);
        Assert.Null(Escalation.NextAt(rule, e, end));
        Assert.Empty(Escalation.Due(rule, e, end, T0.AddDays(1), false).Messages);
    }

    [Fact]
    public void An_acknowledgement_stops_the_escalation()
    {
        var (messages, next) = Escalation.Due(Rule(), Raised(), 1, T0.AddHours(1), acknowledged: true);
        Assert.Empty(messages);
        Assert.Equal(1, next);
    }

    [Fact]
    public void Rules_match_by_site_priority_machine_and_area()
    {
        Assert.True(Rule().Matches(Raised(AlarmPriority.Urgent), "machining"));
        Assert.False(Rule().Matches(Raised(AlarmPriority.Medium), "machining"));
        Assert.False(Rule().Matches(Raised(site: "S2"), "machining"));
        Assert.False(Rule(machines: ["CNC-02"]).Matches(Raised(), "machining"));
        Assert.True(Rule(machines: ["CNC-01"]).Matches(Raised(), "machining"));
        Assert.False(Rule(areas: ["assembly"]).Matches(Raised(), "machining"));
        var safety = Rule() with { Kind = NotificationKind.SafetyStop };
        Assert.False(safety.Matches(Raised(), "machining"));
        Assert.True(safety.Matches(Raised() with { Kind = NotificationKind.SafetyStop, Priority = null }, ""));
        Assert.Equal(["cnc-high"], NotificationPlan.RulesFor([Rule(), safety], Raised(), "machining").Select(r => r.Name));
    }

    [Fact]
    public void Invalid_rules_are_named()
    {
        Assert.Empty(Rule().Validate());
        Assert.NotEmpty((Rule() with { Levels = [] }).Validate());
        Assert.NotEmpty((Rule() with { Levels = [new EscalationLevel(TimeSpan.Zero, [new NotificationRecipient(NotificationChannel.Email, "nobody")])] }).Validate());
        Assert.NotEmpty((Rule() with { Levels = [new EscalationLevel(TimeSpan.Zero, [new NotificationRecipient(NotificationChannel.Webhook, "ftp://x/y")])] }).Validate());
        Assert.NotEmpty((Rule() with { Levels = [new EscalationLevel(TimeSpan.FromMinutes(5), [Lead]), new EscalationLevel(TimeSpan.FromMinutes(5), [Manager])] }).Validate());
    }

    [Property]
    public void Whatever_the_asking_times_each_level_is_sent_once_and_never_before_its_delay(byte[] steps)
    {
        var rule = Rule();
        var e = Raised();
        var now = T0;
        var next = 0;
        var sent = new List<NotificationMessage>();
        foreach (var step in (steps ?? []).Prepend((byte)0))
        {
            now = now.AddMinutes(step % 20);
            var (messages, after) = Escalation.Due(rule, e, next, now, false);
            Assert.All(messages, m => Assert.True(now - e.At >= rule.Levels[m.Level].After));
            Assert.True(after >= next);
            sent.AddRange(messages);
            next = after;
        }

        Assert.All(sent.GroupBy(m => (m.Level, m.To)), g => Assert.Single(g));
        Assert.Equal(Enumerable.Range(0, next), sent.Select(m => m.Level).Distinct());
        Assert.Equal(rule.Levels.Count(l => now - e.At >= l.After), next);
    }
}
