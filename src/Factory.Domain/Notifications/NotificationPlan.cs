using System.Globalization;

namespace Factory.Domain.Notifications;

/// <summary>Which rules an event starts, and the messages one of their levels sends.</summary>
public static class NotificationPlan
{
    /// <summary>The rules that listen for <paramref name="e"/> (<paramref name="area"/> is the alarm's area, if any).</summary>
    public static IReadOnlyList<NotificationRule> RulesFor(IEnumerable<NotificationRule> rules, NotificationEvent e, string area)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.Where(r => r.Matches(e, area)).ToList();
    }

    /// <summary>One message per distinct recipient of the rule's level <paramref name="level"/>.</summary>
    public static IReadOnlyList<NotificationMessage> Messages(NotificationRule rule, int level, NotificationEvent e)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(e);
        if (level < 0 || level >= rule.Levels.Length)
        {
            return [];
        }

        var escalated = level > 0
            ? string.Create(CultureInfo.InvariantCulture, $"[escalation {level + 1}, unacknowledged for {rule.Levels[level].After.TotalMinutes:0.#} min] ")
            : "";
        var subject = $"{escalated}{e.Title}";
        var body = string.Create(CultureInfo.InvariantCulture, $"{e.Text}\nSite: {e.Site}\nMachine: {e.MachineId}\nAt: {e.At:O}\nRule: {rule.Name}\n");
        return rule.Levels[level].Recipients.Distinct()
            .Select(to => new NotificationMessage(e.Key, rule.Name, level, to, subject, body))
            .ToList();
    }
}
