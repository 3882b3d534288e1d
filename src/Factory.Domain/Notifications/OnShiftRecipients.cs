using Factory.Domain.People;

namespace Factory.Domain.Notifications;

/// <summary>
/// Turns "whoever is on shift with skill X" into email messages: one per worker clocked in and qualified for the skill
/// (any level, with a certification valid now: the one <see cref="WorkerQualification"/> rule, so "the certified
/// electrician on shift") with an email address, not repeating an address the messages already go to.
/// </summary>
public static class OnShiftRecipients
{
    /// <summary>The messages with every <see cref="NotificationChannel.OnShift"/> one replaced; <c>Unresolved</c> names the skills nobody on shift has.</summary>
    public static (IReadOnlyList<NotificationMessage> Messages, IReadOnlyList<string> Unresolved) Resolve(
        IReadOnlyList<NotificationMessage> messages, IEnumerable<WorkerOnShift> workers, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(workers);
        var present = workers.Where(w => w.Worker.ClockedIn && !string.IsNullOrWhiteSpace(w.Email)).ToList();
        var result = messages.Where(m => m.To.Channel != NotificationChannel.OnShift).ToList();
        var unresolved = new List<string>();
        foreach (var m in messages.Where(m => m.To.Channel == NotificationChannel.OnShift))
        {
            var skilled = present.Where(w => WorkerQualification.WhyNotQualified(w.Worker, m.To.Address, 1, at) is null).ToList();
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
