namespace Factory.Host.Notifications;

/// <summary>One escalation level of a configured rule.</summary>
public sealed class NotificationLevelSettings
{
    /// <summary>How long the event must stay unacknowledged before this level is told (zero for the first).</summary>
    public TimeSpan After { get; set; }

    public List<string> Emails { get; set; } = [];

    public List<string> Webhooks { get; set; } = [];

    /// <summary>Skills: the workers clocked in on the event's site with one of them (and an email in the plant file) are emailed.</summary>
    public List<string> OnShiftSkills { get; set; } = [];
}
