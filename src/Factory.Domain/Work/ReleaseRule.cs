namespace Factory.Domain.Work;

/// <summary>
/// Which planned operation a free machine gets next: the first of its queue (in planned order) that is ready (or
/// interrupted) and whose planned worker is present. An operation may go ahead of earlier ones of the queue that are not
/// ready only when it would be done before the earliest of them is planned to start: free time is filled, the plan is
/// not overtaken. A machine down for maintenance (a manager's window or the slot the plan placed due maintenance in)
/// takes no job while it is down, and before it only a job that would be done when it goes down.
/// </summary>
public static class ReleaseRule
{
    /// <param name="queue">The plan's operations on one machine.</param>
    /// <param name="workerPresent">Whether a worker can run it now (clocked in and not busy on another machine).</param>
    /// <param name="down">When the machine is down for maintenance (none when null).</param>
    public static PlannedSlot? Next(IEnumerable<PlannedSlot> queue, Func<string, bool> workerPresent, DateTimeOffset now,
        IEnumerable<Factory.Domain.Oee.TimeRange>? down = null)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(workerPresent);
        var windows = down?.Where(d => d.End > now).ToList() ?? [];
        if (windows.Any(d => d.Start <= now))
        {
            return null; // down for maintenance now: production waits for the end of it
        }

        DateTimeOffset? goesDown = windows.Count == 0 ? null : windows.Min(d => d.Start);
        DateTimeOffset? firstWaiting = null;
        foreach (var slot in queue.OrderBy(s => s.Start).ThenBy(s => s.WorkOrderId, StringComparer.Ordinal).ThenBy(s => s.Sequence))
        {
            if (slot.Status is OperationStatus.Completed or OperationStatus.Cancelled or OperationStatus.Released or OperationStatus.Running)
            {
                continue;
            }

            var ready = slot.Status is OperationStatus.Ready or OperationStatus.Interrupted &&
                (string.IsNullOrEmpty(slot.WorkerId) || workerPresent(slot.WorkerId));
            var fits = goesDown is not { } downAt || now + (slot.End - slot.Start) <= downAt;
            if (ready && fits && (firstWaiting is not { } waiting || now + (slot.End - slot.Start) <= waiting))
            {
                return slot;
            }

            if (!ready)
            {
                firstWaiting ??= slot.Start;
            }
        }

        return null;
    }
}
