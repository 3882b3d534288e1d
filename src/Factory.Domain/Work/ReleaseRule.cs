namespace Factory.Domain.Work;

/// <summary>
/// Which planned operation a free machine gets next: the first of its queue (in planned order) that is ready (or
/// interrupted) and whose planned worker is present. An operation may go ahead of earlier ones of the queue that are not
/// ready only when it would be done before the earliest of them is planned to start: free time is filled, the plan is
/// not overtaken.
/// </summary>
public static class ReleaseRule
{
    /// <param name="queue">The plan's operations on one machine.</param>
    /// <param name="workerPresent">Whether a worker can run it now (clocked in and not busy on another machine).</param>
    public static PlannedSlot? Next(IEnumerable<PlannedSlot> queue, Func<string, bool> workerPresent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(workerPresent);
        DateTimeOffset? firstWaiting = null;
        foreach (var slot in queue.OrderBy(s => s.Start).ThenBy(s => s.WorkOrderId, StringComparer.Ordinal).ThenBy(s => s.Sequence))
        {
            if (slot.Status is OperationStatus.Completed or OperationStatus.Cancelled or OperationStatus.Released or OperationStatus.Running)
            {
                continue;
            }

            var ready = slot.Status is OperationStatus.Ready or OperationStatus.Interrupted &&
                (string.IsNullOrEmpty(slot.WorkerId) || workerPresent(slot.WorkerId));
            if (ready && (firstWaiting is not { } waiting || now + (slot.End - slot.Start) <= waiting))
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
