using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.Logging;

namespace Factory.Grains;

/// <summary>
/// A work order. Thin: validation lives in <see cref="WorkOrderRules"/> and <see cref="AssignmentRule"/>, the life of its
/// operations on the floor in <see cref="OperationLifecycle"/>; this grain keeps the order, saves it and publishes each change.
/// </summary>
public sealed class WorkOrderGrain(
    [PersistentState("workorder", StorageNames.Plant)] IPersistentState<WorkOrderState> state,
    PlantClock clock,
    ILogger<WorkOrderGrain> logger) : Grain, IWorkOrderGrain
{
    /// <summary>Progress-only changes are saved at most this often (machines report totals, so a lost save is caught up).</summary>
    private static readonly TimeSpan ProgressSaveInterval = TimeSpan.FromSeconds(5);

    /// <summary>Unsaved progress versions were published: a new activation jumps ahead so clients see a gap and resync.</summary>
    private const long ActivationVersionJump = 1_000_000;

    private bool _progressPending;
    private DateTimeOffset _lastSave;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Order is { } order && order.Operations.Any(o => o.IsOnMachine))
        {
            state.State.Version += ActivationVersionJump;
        }

        this.RegisterGrainTimer(FlushProgress, new GrainTimerCreationOptions(ProgressSaveInterval, ProgressSaveInterval));
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => await FlushProgress(cancellationToken);

    public async Task<CommandResult> Create(WorkOrderSpec spec)
    {
        if (state.State.Order is not null)
        {
            return state.State.CreatedFrom is { } digest && digest == Digest(spec)
                ? CommandResult.Ok(state.State.Version)
                : CommandResult.Refused(Refusal.Conflict($"work order {spec.Id} already exists"), state.State.Version);
        }

        if (spec.Problems() is { Count: > 0 } unusable)
        {
            return CommandResult.Refused(Refusal.Invalid(string.Join("; ", unusable)), 0);
        }

        var order = spec.ToWorkOrder();
        if (!string.Equals(order.Id, this.GetPrimaryKeyString(), StringComparison.Ordinal))
        {
            return CommandResult.Refused(Refusal.Invalid($"work order id '{order.Id}' does not match '{this.GetPrimaryKeyString()}'"), 0);
        }

        var problems = WorkOrderRules.Validate(order);
        if (problems.Count > 0)
        {
            return CommandResult.Refused(Refusal.Invalid(string.Join("; ", problems)), 0);
        }

        state.State.Order = OperationLifecycle.Refresh(order, clock.GetUtcNow());
        state.State.CreatedFrom = Digest(spec);
        await CommitAsync();
        TellDispatcher();
        return CommandResult.Ok(state.State.Version);
    }

    // What makes two creates the same: every field of the spec (JSON compares the operations by value, a record would not).
    private static string Digest(WorkOrderSpec spec) =>
        Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(spec)));

    public Task<WorkOrderView?> GetView() =>
        Task.FromResult(state.State.Order is { } order ? order.ToView(state.State.Version, state.State.ChangedAt) : null);

    public async Task<CommandResult> Assign(int sequence, string machineId, string workerId, bool pinned, DateTimeOffset? notBefore)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        var operation = order.FindOperation(sequence);
        if (operation is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {order.Id} has no operation {sequence}"), state.State.Version);
        }

        if (NotBeforeRule.Check(notBefore, clock.GetUtcNow(), out var earliest) is { } badTime)
        {
            return CommandResult.Refused(badTime, state.State.Version);
        }

        var machineTask = GrainFactory.GetGrain<IMachineGrain>(machineId).GetView();
        var workerTask = GrainFactory.GetGrain<IWorkerGrain>(workerId).GetView();
        var machine = await machineTask;
        var worker = await workerTask;
        if (machine is null || !string.Equals(machine.SiteId, order.SiteId, StringComparison.Ordinal))
        {
            return CommandResult.Refused(Refusal.NotFound($"machine {machineId} does not exist at site {order.SiteId}"), state.State.Version);
        }

        if (worker is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"worker {workerId} does not exist"), state.State.Version);
        }

        var now = clock.GetUtcNow();
        var refusal = AssignmentRule.Check(order, operation, machine.ToDefinition(), machine.UnavailableReason, worker.ToWorker(), now);
        if (refusal is not null)
        {
            return CommandResult.Refused(refusal, state.State.Version);
        }

        if (earliest is not null && operation.OpenRun is { } held && held.MachineId == machineId)
        {
            return CommandResult.Refused(Refusal.Conflict($"operation {sequence} of work order {order.Id} is released to machine {machineId} already: it cannot be put off there"), state.State.Version);
        }

        if (operation.OpenRun is { } run && run.MachineId != machineId)
        {
            // Moved while on a machine: that machine gives the job back, what it made stays credited, the rest restarts here.
            var moved = await WithdrawAsync(order, operation, $"moved to {machineId} by a manager", interrupt: true);
            order = moved;
            operation = order.FindOperation(sequence)!;
        }

        state.State.Order = order.WithOperation(operation with { Assignment = new Assignment(machineId, workerId, pinned, now, earliest) });
        await CommitAsync();
        TellDispatcher();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<CommandResult> Reprioritize(int? priority, DateTimeOffset? dueDate)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (priority is < 1)
        {
            return CommandResult.Refused(Refusal.Invalid("priority must be at least 1"), state.State.Version);
        }

        if (dueDate is { } due && Factory.Domain.Limits.TimeLimits.Check(due, "dueDate") is { } badDue)
        {
            return CommandResult.Refused(Refusal.Invalid(badDue), state.State.Version);
        }

        var next = order with { Priority = priority ?? order.Priority, DueDate = dueDate ?? order.DueDate };
        if (next == order)
        {
            return CommandResult.Ok(state.State.Version);
        }

        state.State.Order = next;
        await CommitAsync();
        TellDispatcher();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<WorkOrderView?> ApplyPlan(long planVersion, DateTimeOffset plannedAt, ImmutableArray<PlannedOperationView> operations)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return null;
        }

        var changed = PlanAdoption.Adopt(order, operations.Select(o => new PlanAssignment(o.Sequence, o.MachineId, o.WorkerId)), plannedAt);
        if (!ReferenceEquals(changed, order))
        {
            state.State.Order = changed;
            await CommitAsync();
        }

        return await GetView();
    }

    public async Task<CommandResult> Release(int sequence, string machineId, string? workerId)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        var now = clock.GetUtcNow();
        var step = OperationLifecycle.Release(order, sequence, machineId, workerId, now);
        if (step.Refusal is { } refused)
        {
            return CommandResult.Refused(refused, state.State.Version);
        }

        var op = order.FindOperation(sequence)!;
        var ticket = new JobTicket(order.Id, sequence, op.Name, order.Product, order.Remaining(op), op.Program,
            string.IsNullOrEmpty(workerId) ? null : workerId, op.StandardDuration.TotalSeconds / Math.Max(1, order.Quantity));
        var taken = await GrainFactory.GetGrain<IMachineGrain>(machineId).TakeJob(ticket);
        if (!taken.Accepted)
        {
            return CommandResult.Refused(new Refusal(taken.RefusalKind ?? RefusalKind.Conflict, taken.Reason ?? "the machine refused the job"), state.State.Version);
        }

        state.State.Order = step.Order;
        await CommitAsync();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task ReportJob(int sequence, string machineId, JobReportKind kind, long good, long scrap, DateTimeOffset at, string? note)
    {
        if (state.State.Order is not { } order)
        {
            return;
        }

        var step = kind switch
        {
            JobReportKind.Started => OperationLifecycle.Start(order, sequence, machineId, at),
            JobReportKind.Progress => OperationLifecycle.Progress(order, sequence, machineId, good, scrap, at),
            JobReportKind.Completed => OperationLifecycle.CompleteOnMachine(order, sequence, machineId, good, scrap, at),
            _ => OperationLifecycle.Interrupt(order, sequence, machineId, good, scrap, at, note ?? $"machine {machineId} stopped"),
        };
        if (step.Refusal is { } refusal)
        {
            // A report for a run that is over (moved, cancelled, completed by a person) is late, not an error.
            logger.LogDebug("Ignored a {Kind} report from {Machine} for {Order}/{Sequence}: {Reason}", kind, machineId, order.Id, sequence, refusal.Reason);
            return;
        }

        if (ReferenceEquals(step.Order, order))
        {
            return;
        }

        state.State.Order = step.Order;
        if (kind == JobReportKind.Progress)
        {
            await PublishProgressAsync();
            return;
        }

        await CommitAsync();
        GrainFactory.GetGrain<IDispatcherGrain>(order.SiteId).OnOperationProgress(order.Id).Ignore();
    }

    public async Task<CommandResult> CompleteOperation(int sequence, string? note, string by)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        var now = clock.GetUtcNow();
        var check = OperationLifecycle.CompleteByPerson(order, sequence, note ?? "", now);
        if (check.Refusal is { Kind: not RefusalKind.Invalid } refusal)
        {
            return CommandResult.Refused(refusal, state.State.Version);
        }

        var operation = order.FindOperation(sequence)!;
        if (operation.OpenRun is not null)
        {
            order = await WithdrawAsync(order, operation, null, interrupt: false);
        }

        var step = OperationLifecycle.CompleteByPerson(order, sequence, string.IsNullOrWhiteSpace(note) ? null : $"{note.Trim()} ({by})", now);
        if (step.Refusal is { } shortOf)
        {
            state.State.Order = order; // the machine's last counts are kept even when the completion is refused
            await CommitAsync();
            return CommandResult.Refused(shortOf, state.State.Version);
        }

        state.State.Order = step.Order;
        await CommitAsync();
        GrainFactory.GetGrain<IDispatcherGrain>(order.SiteId).OnOperationProgress(order.Id).Ignore();
        return CommandResult.Ok(state.State.Version);
    }

    public async Task<CommandResult> Cancel(string reason, string by)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"work order {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return CommandResult.Refused(Refusal.Invalid("a reason is required to cancel a work order"), state.State.Version);
        }

        var now = clock.GetUtcNow();
        var check = OperationLifecycle.Cancel(order, now, reason);
        if (check.Refusal is { } refusal)
        {
            return CommandResult.Refused(refusal, state.State.Version);
        }

        foreach (var op in order.Operations.Where(o => o.OpenRun is not null))
        {
            order = await WithdrawAsync(order, op, null, interrupt: false);
        }

        state.State.Order = OperationLifecycle.Cancel(order, now, $"{reason.Trim()} ({by})").Order;
        await CommitAsync();
        TellDispatcher();
        return CommandResult.Ok(state.State.Version);
    }

    /// <summary>Takes an operation's job back from its machine and credits what the machine had made of it.</summary>
    private async Task<WorkOrder> WithdrawAsync(WorkOrder order, Operation operation, string? interruptBecause, bool interrupt)
    {
        var run = operation.OpenRun!;
        var back = await GrainFactory.GetGrain<IMachineGrain>(run.MachineId).WithdrawJob(order.Id, operation.Sequence, interruptBecause ?? "taken back");
        var now = clock.GetUtcNow();
        var good = back.Held ? back.Good : run.Good;
        var scrap = back.Held ? back.Scrap : run.Scrap;
        var step = interrupt
            ? OperationLifecycle.Interrupt(order, operation.Sequence, run.MachineId, good, scrap, now, interruptBecause!)
            : OperationLifecycle.Progress(order, operation.Sequence, run.MachineId, good, scrap, now);
        return step.IsRefused ? order : step.Order;
    }

    private void TellDispatcher() =>
        GrainFactory.GetGrain<IDispatcherGrain>(state.State.Order!.SiteId).OnWorkOrderChanged(state.State.Order.Id).Ignore();

    private async Task FlushProgress(CancellationToken cancellationToken)
    {
        if (_progressPending)
        {
            _progressPending = false;
            await state.SaveOrRestoreAsync(this);
            _lastSave = clock.GetUtcNow();
        }
    }

    private async Task PublishProgressAsync()
    {
        _progressPending = true;
        state.State.ChangedAt = clock.GetUtcNow();
        if (clock.GetUtcNow() - _lastSave >= ProgressSaveInterval)
        {
            await FlushProgress(CancellationToken.None);
        }

        state.State.Version++;
        Publish();
    }

    private async Task CommitAsync()
    {
        state.State.Version++;
        state.State.ChangedAt = clock.GetUtcNow();
        // Cleared first: should the write fail, memory is restored to what is stored, so no progress is pending either.
        _progressPending = false;
        await state.SaveOrRestoreAsync(this);
        _lastSave = clock.GetUtcNow();
        Publish();
    }

    private void Publish()
    {
        var view = state.State.Order!.ToView(state.State.Version, state.State.ChangedAt);
        GrainFactory.GetGrain<IPlantFeedGrain>(view.SiteId).Publish(new WorkOrderChanged(view)).Ignore();
    }
}
