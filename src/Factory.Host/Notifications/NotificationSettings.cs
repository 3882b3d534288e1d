using Factory.Domain.Notifications;

namespace Factory.Host.Notifications;

/// <summary>Who is told about alarms and safety stops, and how (<c>Factory:Notifications</c>).</summary>
public sealed class NotificationSettings
{
    /// <summary>How often the outbox and the open escalations are looked at when nothing new arrived.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many times a message is tried before it goes to the dead letters.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait before the first retry; it doubles with each further failure (up to <see cref="MaxRetryDelay"/>).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The most messages waiting to be sent; beyond it new messages are refused (and audited as failed).</summary>
    public int QueueLimit { get; set; } = 10_000;

    public SmtpSettings Smtp { get; set; } = new();

    public WebhookSettings Webhooks { get; set; } = new();

    public List<NotificationRuleSettings> Rules { get; set; } = [];

    /// <summary>The rules, checked; throws naming every problem, so a bad configuration stops the host at start.</summary>
    public IReadOnlyList<NotificationRule> ValidRules()
    {
        var rules = Rules.Select(r => r.ToRule()).ToList();
        var problems = rules.SelectMany(r => r.Validate()).ToList();
        problems.AddRange(rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"notification rule {g.Key} is configured twice"));
        if (PollInterval <= TimeSpan.Zero || PollInterval > TimeSpan.FromMinutes(1))
        {
            problems.Add("Factory:Notifications:PollInterval must be above 0 and at most 1 minute");
        }

        if (MaxAttempts is < 1 or > 100 || QueueLimit is < 1 or > 1_000_000 || RetryDelay <= TimeSpan.Zero || MaxRetryDelay < RetryDelay)
        {
            problems.Add("Factory:Notifications: MaxAttempts must be 1..100, QueueLimit 1..1000000, RetryDelay above 0 and at most MaxRetryDelay");
        }

        if (rules.Any(r => r.Levels.Any(l => l.Recipients.Any(x => x.Channel == NotificationChannel.Webhook))) && string.IsNullOrEmpty(Webhooks.Secret))
        {
            problems.Add("Factory:Notifications:Webhooks:Secret is needed to sign webhooks");
        }

        return problems.Count == 0 ? rules : throw new InvalidOperationException("Factory:Notifications: " + string.Join("; ", problems));
    }
}
