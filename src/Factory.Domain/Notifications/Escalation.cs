namespace Factory.Domain.Notifications;

/// <summary>
/// The escalation rule: which of a rule's levels are due for an event that is still unacknowledged at a given time.
/// Pure: the caller keeps how far the event has escalated (<c>nextLevel</c>) and stops asking once it is acknowledged.
/// </summary>
public static class Escalation
{
    /// <summary>
    /// The messages due at <paramref name="now"/> for the levels from <paramref name="nextLevel"/> on whose delay has
    /// passed since the event, and the level to ask about next (the rule's level count when all are sent).
    /// An acknowledged event sends nothing more.
    /// </summary>
    public static (IReadOnlyList<NotificationMessage> Messages, int NextLevel) Due(
        NotificationRule rule, NotificationEvent e, int nextLevel, DateTimeOffset now, bool acknowledged)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        var messages = new List<NotificationMessage>();
        if (acknowledged)
        {
            return (messages, nextLevel);
        }

        var level = Math.Max(nextLevel, 0);
        while (level < rule.Levels.Length && now - e.At >= rule.Levels[level].After)
        {
            messages.AddRange(NotificationPlan.Messages(rule, level, e));
            level++;
        }

        return (messages, level);
    }

    /// <summary>When the next level falls due, or null when every level has been sent.</summary>
    public static DateTimeOffset? NextAt(NotificationRule rule, NotificationEvent e, int nextLevel)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        return nextLevel >= 0 && nextLevel < rule.Levels.Length ? e.At + rule.Levels[nextLevel].After : null;
    }
}
