using Factory.Domain.Alarms;
using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>One configured rule (<c>Factory:Notifications:Rules</c>), read into a <see cref="NotificationRule"/>.</summary>
public sealed class NotificationRuleSettings
{
    public string Name { get; set; } = "";

    /// <summary>The site it applies to; none for every site.</summary>
    public string? Site { get; set; }

    public NotificationKind Kind { get; set; } = NotificationKind.AlarmRaised;

    public AlarmPriority MinPriority { get; set; } = AlarmPriority.High;

    public List<string> Machines { get; set; } = [];

    public List<string> Areas { get; set; } = [];

    /// <summary>For <see cref="NotificationKind.AndonCall"/> rules: the kinds it hears (none: all).</summary>
    public List<AndonKind> AndonKinds { get; set; } = [];

    public List<NotificationLevelSettings> Levels { get; set; } = [];

    public NotificationRule ToRule() => new(
        Name, string.IsNullOrWhiteSpace(Site) ? null : Site, Kind, MinPriority, [.. Machines], [.. Areas],
        [.. Levels.Select(l => new EscalationLevel(l.After,
            [.. l.Emails.Select(a => new NotificationRecipient(NotificationChannel.Email, a)),
             .. l.Webhooks.Select(a => new NotificationRecipient(NotificationChannel.Webhook, a)),
             .. l.OnShiftSkills.Select(a => new NotificationRecipient(NotificationChannel.OnShift, a))]))],
        [.. AndonKinds]);
}
