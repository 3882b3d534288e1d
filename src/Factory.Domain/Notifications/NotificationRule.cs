using Factory.Domain.Alarms;

namespace Factory.Domain.Notifications;

/// <summary>
/// One site's rule: which events it listens for and its escalation levels (the first is told at once, each next one
/// when the event is still unacknowledged after its delay).
/// </summary>
/// <param name="Site">The site it applies to; null for every site.</param>
/// <param name="MinPriority">For alarms: the lowest priority that is sent.</param>
/// <param name="Machines">For alarms and safety stops: only these machines; empty for all.</param>
/// <param name="Areas">For alarms: only these alarm areas (classes); empty for all.</param>
/// <param name="AndonKinds">For andon calls: only these kinds (e.g. maintenance to the maintenance crew); empty for all.</param>
public sealed record NotificationRule(
    string Name,
    string? Site,
    NotificationKind Kind,
    AlarmPriority MinPriority,
    ImmutableArray<string> Machines,
    ImmutableArray<string> Areas,
    ImmutableArray<EscalationLevel> Levels,
    ImmutableArray<AndonKind> AndonKinds = default)
{
    /// <summary>The most levels a rule may have.</summary>
    public const int MaxLevels = 10;

    /// <summary>The most recipients one level may have.</summary>
    public const int MaxRecipients = 50;

    /// <summary>The longest a level may wait.</summary>
    public static TimeSpan MaxDelay { get; } = TimeSpan.FromDays(7);

    /// <summary>Whether the rule listens for <paramref name="e"/>.</summary>
    public bool Matches(NotificationEvent e, string area)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind != Kind || Site is not null && !string.Equals(Site, e.Site, StringComparison.Ordinal))
        {
            return false;
        }

        if (!Machines.IsDefaultOrEmpty && !Machines.Contains(e.MachineId, StringComparer.Ordinal))
        {
            return false;
        }

        return Kind switch
        {
            NotificationKind.AlarmRaised => e.Priority is { } p && p >= MinPriority && (Areas.IsDefaultOrEmpty || Areas.Contains(area, StringComparer.Ordinal)),
            NotificationKind.AndonCall => AndonKinds.IsDefaultOrEmpty || e.Andon is { } k && AndonKinds.Contains(k),
            _ => true,
        };
    }

    /// <summary>Every problem with the rule; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            problems.Add("a notification rule needs a name");
        }

        if (!Enum.IsDefined(Kind) || !Enum.IsDefined(MinPriority) || !AndonKinds.IsDefault && AndonKinds.Any(k => !Enum.IsDefined(k)))
        {
            problems.Add($"notification rule {Name}: unknown kind or priority");
        }

        if (Levels.IsDefaultOrEmpty || Levels.Length > MaxLevels)
        {
            problems.Add($"notification rule {Name} needs 1 to {MaxLevels} levels");
            return problems;
        }

        var previous = TimeSpan.MinValue;
        for (var i = 0; i < Levels.Length; i++)
        {
            var level = Levels[i];
            if (level.After < TimeSpan.Zero || level.After > MaxDelay || level.After <= previous)
            {
                problems.Add($"notification rule {Name}, level {i + 1}: delays must grow from 0 up to {MaxDelay.TotalDays} days");
            }

            if (level.Recipients.IsDefaultOrEmpty || level.Recipients.Length > MaxRecipients)
            {
                problems.Add($"notification rule {Name}, level {i + 1} needs 1 to {MaxRecipients} recipients");
            }
            else
            {
                problems.AddRange(level.Recipients.Where(r => !IsValid(r)).Select(r => $"notification rule {Name}, level {i + 1}: '{r.Address}' is not a valid {r.Channel} address"));
            }

            previous = level.After;
        }

        return problems;
    }

    private static bool IsValid(NotificationRecipient r) => r.Channel switch
    {
        NotificationChannel.Email => r.Address.Length <= 254 && r.Address.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < r.Address.Length - 1
            && !r.Address.Any(char.IsWhiteSpace),
        NotificationChannel.OnShift => r.Address.Length is > 0 and <= 100 && !string.IsNullOrWhiteSpace(r.Address),
        NotificationChannel.Webhook => r.Address.Length <= 2048 && Uri.TryCreate(r.Address, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp),
        _ => false,
    };
}
