using Factory.Grains.State;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// One machine. Thin: the PackML rules live in <see cref="PackMlStateMachine"/> and availability in
/// <see cref="MachineAvailability"/>; this grain keeps the state, saves it and publishes each change.
/// </summary>
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Plant)] IPersistentState<MachineState> state,
    TimeProvider clock,
    IOptions<PlantOptions> options) : Grain, IMachineGrain
{
    private readonly PlantOptions _options = options.Value;
    private IGrainTimer? _transientTimer;
    private bool? _wasAvailable;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _wasAvailable = state.State.Spec is null ? null : BuildView().Available;
        // A machine without a PLC may have been deactivated (or the process killed) mid-transition: resume it.
        ScheduleTransientCompletion();
        return Task.CompletedTask;
    }

    public async Task Define(MachineSpec spec)
    {
        var s = state.State;
        if (s.Spec == spec)
        {
            return;
        }

        var now = clock.GetUtcNow();
        if (s.Spec is null)
        {
            s.State = spec.InitialState;
            s.StateSince = now;
            s.QualitySince = now;
        }

        s.Spec = spec;
        await CommitAsync();
    }

    public Task<MachineView?> GetView() => Task.FromResult(state.State.Spec is null ? null : BuildView());

    public async Task<CommandResult> ExecuteCommand(PackMlCommand command)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"machine {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (!Enum.IsDefined(command))
        {
            return CommandResult.Refused(Refusal.Invalid($"'{command}' is not a PackML command"), s.Version);
        }

        var transition = PackMlStateMachine.Apply(s.State, command, s.Spec.HoldExtensions);
        if (!transition.Accepted)
        {
            return CommandResult.Refused(Refusal.Conflict(transition.Refusal!), s.Version);
        }

        EnterState(transition.Target);
        await CommitAsync();
        ScheduleTransientCompletion();
        return CommandResult.Ok(s.Version);
    }

    public async Task<CommandResult> SetCurrentOperation(string? workOrderId, int? sequence)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"machine {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (s.CurrentWorkOrderId == workOrderId && s.CurrentOperation == (workOrderId is null ? null : sequence))
        {
            return CommandResult.Ok(s.Version);
        }

        s.CurrentWorkOrderId = workOrderId;
        s.CurrentOperation = workOrderId is null ? null : sequence;
        await CommitAsync();
        return CommandResult.Ok(s.Version);
    }

    private void EnterState(PackMlState next)
    {
        var s = state.State;
        s.State = next;
        s.StateSince = clock.GetUtcNow();
        if (next is PackMlState.Aborting or PackMlState.Aborted)
        {
            s.FaultReason ??= "aborted";
        }
        else if (next is PackMlState.Clearing or PackMlState.Resetting or PackMlState.Execute)
        {
            // Clearing and resetting are how a fault is acknowledged; producing again means it is gone.
            s.FaultReason = null;
        }
    }

    private void ScheduleTransientCompletion()
    {
        _transientTimer?.Dispose();
        _transientTimer = null;
        var s = state.State;
        if (s.Spec is null || s.HasPlc || !PackMlStateMachine.IsTransient(s.State))
        {
            return;
        }

        var remaining = _options.TransientStateDuration - (clock.GetUtcNow() - s.StateSince);
        _transientTimer = this.RegisterGrainTimer(
            CompleteTransientState,
            new GrainTimerCreationOptions(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private async Task CompleteTransientState(CancellationToken cancellationToken)
    {
        var s = state.State;
        if (s.HasPlc || !PackMlStateMachine.IsTransient(s.State))
        {
            return;
        }

        EnterState(PackMlStateMachine.StateComplete(s.State));
        await CommitAsync();
        ScheduleTransientCompletion();
    }

    /// <summary>Saves, then tells the line and the feed. Nothing is published that was not saved first.</summary>
    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        var view = BuildView();
        GrainFactory.GetGrain<ILineGrain>(view.LineId).OnMachineChanged(view).Ignore();
        GrainFactory.GetGrain<IPlantFeedGrain>(view.SiteId).Publish(new MachineChanged(view)).Ignore();
        if (_wasAvailable is { } was && was != view.Available)
        {
            // Failures and returns re-plan the site's work.
            GrainFactory.GetGrain<IDispatcherGrain>(view.SiteId).OnMachineAvailabilityChanged(view.Id, view.Available, view.UnavailableReason).Ignore();
        }

        _wasAvailable = view.Available;
        GrainFactory.GetGrain<IMachineLogGrain>(view.Id).Record(view).Ignore();
    }

    private MachineView BuildView()
    {
        var s = state.State;
        var spec = s.Spec!;
        var condition = new MachineCondition(s.State, s.Mode, s.Quality, s.QualitySince, s.FaultReason, InPlannedStop: false);
        var why = MachineAvailability.WhyUnavailable(condition, clock.GetUtcNow(), _options.DataQualityGracePeriod);
        return new MachineView(
            spec.Id, spec.SiteId, spec.LineId, spec.Name, spec.Capabilities, spec.IdealCycleTimeSeconds, spec.HoldExtensions,
            s.State, s.StateSince, s.Mode, s.Quality, s.QualitySince, s.FaultReason, s.Telemetry,
            s.CurrentWorkOrderId, s.CurrentOperation, why is null, why, s.Version);
    }
}
