using Factory.Domain.People;

namespace Factory.Grains;

/// <summary>Turns work orders into the wire views screens see (a machine view turns back into its definition through its spec).</summary>
internal static class ViewMapping
{
    public static WorkOrderView ToView(this WorkOrder order, long version, DateTimeOffset asOf)
    {
        var perPart = order.Quantity > 0 ? 1.0 / order.Quantity : 0;
        var operations = order.Operations.Select(o => o.ToView(order, perPart, asOf)).ToImmutableArray();
        // The order is done when its last operation is: the live ETA of what is on a machine, then the standard time of the rest,
        // counted from when the order last changed (so an unchanged order always shows the same ETA).
        DateTimeOffset? eta = null;
        if (!order.IsClosed)
        {
            var at = asOf;
            foreach (var (op, view) in order.Operations.Zip(operations))
            {
                if (op.IsFinished)
                {
                    continue;
                }

                at = view.Eta is { } e && op.IsOnMachine ? (e > at ? e : at) : at + (op.StandardDuration * (order.Remaining(op) * perPart));
            }

            eta = at;
        }

        return new WorkOrderView(
            order.Id, order.SiteId, order.Product, order.Quantity, order.DueDate, order.Priority, operations, order.IsClosed, version,
            order.Status, order.Operations.IsDefaultOrEmpty ? 0 : order.Operations[^1].Good, order.CompletedAt, order.CancelledAt, eta);
    }

    private static OperationView ToView(this Operation o, WorkOrder order, double perPart, DateTimeOffset asOf)
    {
        var run = o.OpenRun;
        var eta = o.IsFinished ? null : JobExecution.Eta(order.Remaining(o), run?.Good ?? 0, run?.StartedAt, run?.CountedAt, o.StandardDuration * perPart, asOf);
        return new OperationView(OperationSpec.Of(o))
        {
            MachineId = run?.MachineId ?? o.Assignment?.MachineId,
            WorkerId = run?.WorkerId ?? o.Assignment?.WorkerId,
            Pinned = o.Assignment?.Pinned ?? false,
            Status = o.Status,
            Good = o.Good,
            Scrap = o.Scrap,
            ReadyAt = o.ReadyAt,
            StartedAt = o.StartedAt,
            EndedAt = o.EndedAt,
            Eta = eta,
            Note = o.Note,
            Runs = o.Runs.IsDefault ? [] : o.Runs.Select(r => new OperationRunView(r.MachineId, r.WorkerId, r.ReleasedAt, r.StartedAt, r.EndedAt, r.Good, r.Scrap, r.Outcome, r.Note)).ToImmutableArray(),
            ManagerAssignedAt = o.Assignment?.ManagerAssignedAt,
            NotBefore = o.Assignment?.NotBefore,
        };
    }

    /// <summary>The job a machine holds as screens see it, with its ETA and the last PLC write's error.</summary>
    public static JobView ToView(this MachineJob job, DateTimeOffset? eta, string? plcError) =>
        new(job.Id, job.WorkOrderId, job.Sequence, job.OperationName, job.Product, job.Quantity, job.Program, job.WorkerId,
            job.Phase, job.ReleasedAt, job.StartedAt, job.FinishedAt, job.Good, job.Scrap, job.Mismatch, eta, plcError);

}
