using Factory.Grains.State;

namespace Factory.Grains;

/// <summary>A work order. Validation lives in <see cref="WorkOrderRules"/> and <see cref="AssignmentRule"/>.</summary>
public sealed class WorkOrderGrain(
    [PersistentState("workorder", StorageNames.Plant)] IPersistentState<WorkOrderState> state,
    TimeProvider clock) : Grain, IWorkOrderGrain
{
    public async Task<CommandResult> Create(WorkOrderSpec spec)
    {
        if (state.State.Order is not null)
        {
            return CommandResult.Refused(Refusal.Conflict($"work order {spec.Id} already exists"), state.State.Version);
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

        state.State.Order = order;
        await CommitAsync();
        TellDispatcher();
        return CommandResult.Ok(state.State.Version);
    }

    public Task<WorkOrderView?> GetView() =>
        Task.FromResult(state.State.Order is { } order ? order.ToView(state.State.Version) : null);

    public async Task<CommandResult> Assign(int sequence, string machineId, string workerId, bool pinned)
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

        var refusal = AssignmentRule.Check(order, operation, machine.ToDefinition(), machine.UnavailableReason, worker.ToWorker(), clock.GetUtcNow());
        if (refusal is not null)
        {
            return CommandResult.Refused(refusal, state.State.Version);
        }

        state.State.Order = order.WithOperation(operation with { Assignment = new Assignment(machineId, workerId, pinned, clock.GetUtcNow()) });
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

    public async Task ApplyPlan(long planVersion, DateTimeOffset plannedAt, ImmutableArray<PlannedOperationView> operations)
    {
        var order = state.State.Order;
        if (order is null)
        {
            return;
        }

        var changed = order;
        foreach (var planned in operations)
        {
            var op = changed.FindOperation(planned.Sequence);
            if (op is null || op.Status == OperationStatus.Done || op.Assignment is { Pinned: true } ||
                op.Assignment?.ManagerAssignedAt > plannedAt ||
                (op.Assignment?.MachineId == planned.MachineId && op.Assignment?.WorkerId == planned.WorkerId))
            {
                continue;
            }

            changed = changed.WithOperation(op with { Assignment = new Assignment(planned.MachineId, planned.WorkerId ?? "", Pinned: false) });
        }

        if (!ReferenceEquals(changed, order))
        {
            state.State.Order = changed;
            await CommitAsync();
        }
    }

    private void TellDispatcher() =>
        GrainFactory.GetGrain<IDispatcherGrain>(state.State.Order!.SiteId).OnWorkOrderChanged(state.State.Order.Id).Ignore();

    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        var view = state.State.Order!.ToView(state.State.Version);
        GrainFactory.GetGrain<IPlantFeedGrain>(view.SiteId).Publish(new WorkOrderChanged(view)).Ignore();
    }
}
