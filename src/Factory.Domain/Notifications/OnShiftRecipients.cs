namespace Factory.Domain.Notifications;

/// <summary>
/// Turns "whoever is on shift with skill X" into email messages: one per worker clocked in with the skill (any level,
/// compared without case) and an email address, not repeating an address the messages already go to.
/// </summary>
public static class OnShiftRecipients
{
    /// <summary>The messages with every <see cref="NotificationChannel.OnShift"/> one replaced; <c>Unresolved</c> names the skills nobody on shift has.</summary>
    public static (IReadOnlyList<NotificationMessage> Messages, IReadOnlyList<string> Unresolved) Resolve(
        IReadOnlyList<NotificationMessage> messages, IEnumerable<WorkerOnShift> workers)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(workers);
        var present = workers.Where(w => w.ClockedIn && !string.IsNullOrWhiteSpace(w.Email)).ToList();
        var result = messages.Where(m => m.To.Channel != NotificationChannel.OnShift).ToList();
        var unresolved = new List<string>();
        foreach (var m in messages.Where(m => m.To.Channel == NotificationChannel.OnShift))
        {
            var skilled = present.Where(w => w.Skills.Any(s => s.Value > 0 && string.Equals(s.Key, m.To.Address, StringComparison.OrdinalIgnoreCase))).ToList();
            if (skilled.Count == 0)
            {
                unresolved.Add(m.To.Address);
            }

            foreach (var worker in skilled)
            {
                var to = new NotificationRecipient(NotificationChannel.Email, worker.Email!.Trim());
                if (!result.Any(r => r.Level == m.Level && r.Rule == m.Rule && r.To == to))
                {
                    result.Add(m with { To = to });
                }
            }
        }

        return (result, unresolved);
    }
}
