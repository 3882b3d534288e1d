namespace Factory.Domain.Work;

/// <summary>
/// How a work order takes the dispatcher's plan: each operation the plan places gets the plan's machine and worker, except
/// where the floor or a person has the last word. What is on a machine or finished is the floor's truth; a pinned
/// assignment and one a manager made after the plan was computed stand; a manager's choice of machine (and its
/// not-before time) survives the plan picking another worker for it.
/// </summary>
public static class PlanAdoption
{
    /// <summary>
    /// The order with the plan's assignments taken (the same instance when nothing changes, so a caller stores only
    /// real changes).
    /// </summary>
    /// <param name="plannedAt">When the plan was computed: an assignment made by a manager after it is newer than the plan.</param>
    public static WorkOrder Adopt(WorkOrder order, IEnumerable<PlanAssignment> planned, DateTimeOffset plannedAt)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(planned);
        var changed = order;
        foreach (var slot in planned)
        {
            var op = changed.FindOperation(slot.Sequence);
            if (op is null || !Takes(op, slot, plannedAt))
            {
                continue;
            }

            var sameMachine = op.Assignment?.MachineId == slot.MachineId;
            var kept = sameMachine ? op.Assignment!.ManagerAssignedAt : null;
            var notBefore = sameMachine ? op.Assignment!.NotBefore : null;
            changed = changed.WithOperation(op with { Assignment = new Assignment(slot.MachineId, slot.WorkerId ?? "", Pinned: false, kept, notBefore) });
        }

        return changed;
    }

    /// <summary>Whether <paramref name="op"/> takes the plan's <paramref name="slot"/> (and so changes).</summary>
    public static bool Takes(Operation op, PlanAssignment slot, DateTimeOffset plannedAt)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(slot);
        return !op.IsFinished && !op.IsOnMachine && op.Assignment is not { Pinned: true } &&
               !(op.Assignment?.ManagerAssignedAt > plannedAt) &&
               Differs(op.Assignment?.MachineId, op.Assignment?.WorkerId, slot);
    }

    /// <summary>
    /// Whether an operation assigned to <paramref name="machineId"/> and <paramref name="workerId"/> would get anything
    /// new from <paramref name="slot"/>: only then can adopting it change the order. No worker and an empty worker are the
    /// same (an assignment stores "no worker" as empty).
    /// </summary>
    public static bool Differs(string? machineId, string? workerId, PlanAssignment slot)
    {
        ArgumentNullException.ThrowIfNull(slot);
        return !string.Equals(machineId, slot.MachineId, StringComparison.Ordinal) ||
               !string.Equals(NoneIfEmpty(workerId), NoneIfEmpty(slot.WorkerId), StringComparison.Ordinal);
    }

    private static string? NoneIfEmpty(string? workerId) => string.IsNullOrEmpty(workerId) ? null : workerId;
}
