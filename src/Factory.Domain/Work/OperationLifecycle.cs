namespace Factory.Domain.Work;

/// <summary>
/// The life of an operation on the floor, as pure transitions of its work order: Pending → Ready when its predecessors are
/// completed, Ready or Interrupted → Released to a machine, Released → Running when the machine produces, progress
/// (good and scrap of the open run), Completed, Interrupted (the part done stays credited), Cancelled with its order. Every
/// transition is dated; a refused one changes nothing. Reports from a machine are idempotent (they carry the run's totals,
/// not increments), so a repeated or late report never credits a part twice.
/// </summary>
public static class OperationLifecycle
{
    /// <summary>Pending operations whose predecessors are all completed become Ready (the first one at once).</summary>
    public static WorkOrder Refresh(WorkOrder order, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.IsClosed)
        {
            return order;
        }

        var result = order;
        var predecessorsDone = true;
        foreach (var op in order.Operations)
        {
            if (op.Status == OperationStatus.Pending && predecessorsDone)
            {
                result = result.WithOperation(op with { Status = OperationStatus.Ready, ReadyAt = at });
            }

            predecessorsDone = predecessorsDone && op.Status == OperationStatus.Completed;
        }

        return result;
    }

    /// <summary>Sends a Ready or Interrupted operation to a machine: a new run opens for what is left to make.</summary>
    public static LifecycleStep Release(WorkOrder order, int sequence, string machineId, string? workerId, DateTimeOffset at)
    {
        if (Find(order, sequence, out var op) is { } missing)
        {
            return missing;
        }

        if (op.Status is not (OperationStatus.Ready or OperationStatus.Interrupted))
        {
            return Refused(order, Refusal.Conflict(op.Status switch
            {
                OperationStatus.Pending => $"operation {sequence} of work order {order.Id} is not ready: the operations before it are not completed",
                OperationStatus.Released or OperationStatus.Running => $"operation {sequence} of work order {order.Id} is already {op.Status} on {op.OpenRun?.MachineId}",
                _ => $"operation {sequence} of work order {order.Id} is {op.Status}",
            }));
        }

        if (order.Remaining(op) <= 0)
        {
            return Refused(order, Refusal.Conflict($"operation {sequence} of work order {order.Id} has nothing left to make"));
        }

        var assignment = op.Assignment is { } a && a.MachineId == machineId
            ? a with { WorkerId = workerId ?? a.WorkerId }
            : new Assignment(machineId, workerId ?? "");
        var released = op with
        {
            Status = OperationStatus.Released,
            Assignment = assignment,
            Runs = [.. op.Runs, new OperationRun(machineId, string.IsNullOrEmpty(workerId) ? null : workerId, at)],
        };
        return Changed(order.WithOperation(released));
    }

    /// <summary>The machine began producing the operation released to it (repeated reports change nothing).</summary>
    public static LifecycleStep Start(WorkOrder order, int sequence, string machineId, DateTimeOffset at) =>
        OnOpenRun(order, sequence, machineId, (op, run) => op.Status == OperationStatus.Running
            ? op
            : op with { Status = OperationStatus.Running, Runs = op.Runs.SetItem(op.Runs.Length - 1, run with { StartedAt = run.StartedAt ?? at }) });

    /// <summary>The open run's totals as the machine counts them (never lowered: a late report is ignored).</summary>
    public static LifecycleStep Progress(WorkOrder order, int sequence, string machineId, long good, long scrap, DateTimeOffset at)
    {
        if (good < 0 || scrap < 0)
        {
            return Refused(order, Refusal.Invalid("part counts cannot be negative"));
        }

        return OnOpenRun(order, sequence, machineId, (op, run) =>
        {
            var counted = run with { Good = Math.Max(run.Good, good), Scrap = Math.Max(run.Scrap, scrap) };
            if (counted.Good != run.Good || counted.Scrap != run.Scrap)
            {
                counted = counted with { CountedAt = at };
            }

            var producing = counted.Good + counted.Scrap > 0;
            if (producing)
            {
                counted = counted with { StartedAt = counted.StartedAt ?? at };
            }

            return counted == run && (!producing || op.Status == OperationStatus.Running)
                ? op
                : op with
                {
                    Status = producing ? OperationStatus.Running : op.Status,
                    Runs = op.Runs.SetItem(op.Runs.Length - 1, counted),
                };
        });
    }

    /// <summary>
    /// The machine finished the operation (its quantity is made, or the PLC reported the job complete): the open run closes
    /// with its totals and the next operation becomes Ready. A repeated report changes nothing.
    /// </summary>
    public static LifecycleStep CompleteOnMachine(WorkOrder order, int sequence, string machineId, long good, long scrap, DateTimeOffset at)
    {
        if (order.FindOperation(sequence) is { Status: OperationStatus.Completed })
        {
            return new LifecycleStep(order, null);
        }

        var progressed = Progress(order, sequence, machineId, good, scrap, at);
        return progressed.IsRefused ? progressed : Close(progressed.Order, sequence, OperationStatus.Completed, at, null);
    }

    /// <summary>
    /// A person completes the operation (made elsewhere, or short of its quantity): a reason is required when fewer good parts
    /// than the order's quantity were counted. An open run closes with what it counted.
    /// </summary>
    public static LifecycleStep CompleteByPerson(WorkOrder order, int sequence, string? note, DateTimeOffset at)
    {
        if (Find(order, sequence, out var op) is { } missing)
        {
            return missing;
        }

        if (op.Status is OperationStatus.Pending or OperationStatus.Completed or OperationStatus.Cancelled)
        {
            return Refused(order, Refusal.Conflict($"operation {sequence} of work order {order.Id} is {op.Status} and cannot be completed"));
        }

        if (order.Remaining(op) > 0 && string.IsNullOrWhiteSpace(note))
        {
            return Refused(order, Refusal.Invalid(
                $"operation {sequence} of work order {order.Id} has {op.Good} of {order.Quantity} good parts: say why it is complete"));
        }

        return Close(order, sequence, OperationStatus.Completed, at, string.IsNullOrWhiteSpace(note) ? null : note.Trim());
    }

    /// <summary>
    /// The operation stopped before its quantity was made (its machine failed, or it was moved): the open run closes with
    /// what it made, which stays credited; the rest waits for another release. When nothing is left it completes instead.
    /// </summary>
    public static LifecycleStep Interrupt(WorkOrder order, int sequence, string machineId, long good, long scrap, DateTimeOffset at, string reason)
    {
        var progressed = Progress(order, sequence, machineId, good, scrap, at);
        if (progressed.IsRefused)
        {
            return progressed;
        }

        var op = progressed.Order.FindOperation(sequence)!;
        return progressed.Order.Remaining(op) <= 0
            ? Close(progressed.Order, sequence, OperationStatus.Completed, at, null)
            : Close(progressed.Order, sequence, OperationStatus.Interrupted, at, reason);
    }

    /// <summary>Cancels the order: every operation not completed is cancelled (open runs close with what they made).</summary>
    public static LifecycleStep Cancel(WorkOrder order, DateTimeOffset at, string reason)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (order.IsClosed)
        {
            return Refused(order, Refusal.Conflict($"work order {order.Id} is already {order.Status}"));
        }

        var result = order with { CancelledAt = at };
        foreach (var op in order.Operations.Where(o => !o.IsFinished))
        {
            result = Close(result, op.Sequence, OperationStatus.Cancelled, at, reason).Order;
        }

        return Changed(result);
    }

    private static LifecycleStep Close(WorkOrder order, int sequence, OperationStatus outcome, DateTimeOffset at, string? note)
    {
        var op = order.FindOperation(sequence)!;
        var runs = op.OpenRun is { } run
            ? op.Runs.SetItem(op.Runs.Length - 1, run with { EndedAt = at, Outcome = outcome, Note = note })
            : op.Runs;
        var closed = op with
        {
            Status = outcome,
            Runs = runs,
            EndedAt = outcome == OperationStatus.Interrupted ? op.EndedAt : at,
            Note = note ?? op.Note,
        };
        var next = order.WithOperation(closed);
        return Changed(outcome == OperationStatus.Completed ? Refresh(next, at) : next);
    }

    private static LifecycleStep OnOpenRun(WorkOrder order, int sequence, string machineId, Func<Operation, OperationRun, Operation> change)
    {
        if (Find(order, sequence, out var op) is { } missing)
        {
            return missing;
        }

        if (op.OpenRun is not { } run || !op.IsOnMachine || !string.Equals(run.MachineId, machineId, StringComparison.Ordinal))
        {
            return Refused(order, Refusal.Conflict(
                $"operation {sequence} of work order {order.Id} is not on machine {machineId} (it is {op.Status}{(op.OpenRun is { } r ? $" on {r.MachineId}" : "")})"));
        }

        var changed = change(op, run);
        return ReferenceEquals(changed, op) ? new LifecycleStep(order, null) : Changed(order.WithOperation(changed));
    }

    private static LifecycleStep? Find(WorkOrder order, int sequence, out Operation operation)
    {
        ArgumentNullException.ThrowIfNull(order);
        operation = order.FindOperation(sequence)!;
        if (operation is null)
        {
            return Refused(order, Refusal.NotFound($"work order {order.Id} has no operation {sequence}"));
        }

        return order.CancelledAt is not null
            ? Refused(order, Refusal.Conflict($"work order {order.Id} is cancelled"))
            : null;
    }

    private static LifecycleStep Changed(WorkOrder order) => new(order, null);

    private static LifecycleStep Refused(WorkOrder order, Refusal refusal) => new(order, refusal);
}
