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
    private IGrainTimer? _graceTimer;
    private bool? _wasAvailable;
    private bool _telemetryPending;
    private DateTimeOffset _lastTelemetryPublish;

    /// <summary>
    /// Telemetry-only versions are published but not saved (the PLC is the source of truth for counters). A new
    /// activation therefore jumps ahead, so a client that saw unsaved versions sees a gap and resyncs.
    /// </summary>
    private const long ActivationVersionJump = 1_000_000;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.HasPlc)
        {
            state.State.Version += ActivationVersionJump;
        }

        _wasAvailable = state.State.Spec is null ? null : BuildView().Available;
        this.RegisterGrainTimer(PublishPendingTelemetry, new GrainTimerCreationOptions(_options.TelemetryPublishInterval, _options.TelemetryPublishInterval));
        // A machine without a PLC may have been deactivated (or the process killed) mid-transition: resume it.
        ScheduleTransientCompletion();
        return Task.CompletedTask;
    }

    public async Task Define(MachineSpec spec)
    {
        var s = state.State;
        if (spec.SameAs(s.Spec))
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

        if (spec.Source is null && s.HasPlc)
        {
            // No PLC feeds it any more: the API drives it again, and its data is no longer a PLC's.
            s.HasPlc = false;
            s.Source = null;
            s.Quality = DataQuality.Good;
            s.QualitySince = now;
        }

        s.Spec = spec;
        await CommitAsync();
        ScheduleTransientCompletion();
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

        if (s.HasPlc)
        {
            // The PLC owns the state: the command is written to it, and the state follows from its tags.
            return CommandResult.Refused(Refusal.Conflict($"machine {s.Spec.Id} is driven by PLC endpoint '{s.Source}'; write the command to the PLC"), s.Version);
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

    public Task<CommandResult> ValidateCommand(PackMlCommand command)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return Task.FromResult(CommandResult.Refused(Refusal.NotFound($"machine {this.GetPrimaryKeyString()} does not exist"), 0));
        }

        var transition = PackMlStateMachine.Apply(s.State, command, s.Spec.HoldExtensions);
        return Task.FromResult(transition.Accepted
            ? CommandResult.Ok(s.Version)
            : CommandResult.Refused(Refusal.Conflict(transition.Refusal!), s.Version));
    }

    public async Task ApplyTelemetry(MachineTelemetry telemetry)
    {
        var s = state.State;
        if (s.Spec is null)
        {
            return;
        }

        var significant = !s.HasPlc || s.Source != telemetry.Source;
        s.HasPlc = true;
        s.Source = telemetry.Source;
        _transientTimer?.Dispose();
        _transientTimer = null;
        if (telemetry.State is { } next && next != s.State)
        {
            EnterState(next, telemetry.StateAt ?? telemetry.SourceTimestamp);
            significant = true;
        }

        if (telemetry.Mode is { } mode && mode != s.Mode)
        {
            s.Mode = mode;
            significant = true;
        }

        if (telemetry.Quality != s.Quality)
        {
            s.Quality = telemetry.Quality;
            s.QualitySince = clock.GetUtcNow();
            significant = true;
        }

        var t = s.Telemetry;
        s.Telemetry = t with
        {
            Speed = telemetry.Speed ?? t.Speed,
            Setpoint = telemetry.Setpoint ?? t.Setpoint,
            ProducedCount = telemetry.ProducedCount ?? t.ProducedCount,
            GoodCount = telemetry.GoodCount ?? t.GoodCount,
            ScrapCount = telemetry.ScrapCount ?? t.ScrapCount,
            Temperatures = telemetry.Temperatures is { Count: > 0 } temps ? t.Temperatures.SetItems(temps) : t.Temperatures,
            Tags = telemetry.Tags is { Count: > 0 } tags ? t.Tags.SetItems(tags) : t.Tags,
            SourceTimestamp = telemetry.SourceTimestamp > (t.SourceTimestamp ?? DateTimeOffset.MinValue) ? telemetry.SourceTimestamp : t.SourceTimestamp,
        };

        if (significant)
        {
            _telemetryPending = false;
            await CommitAsync();
        }
        else
        {
            // Counters and process values change constantly; screens get them a few times a second, storage not at all.
            _telemetryPending = true;
            if (clock.GetUtcNow() - _lastTelemetryPublish >= _options.TelemetryPublishInterval)
            {
                await PublishPendingTelemetry(CancellationToken.None);
            }
        }
    }

    public Task SetDataQuality(DataQuality quality, string? reason) => SetDataQualitySince(quality, reason, clock.GetUtcNow());

    public async Task SetDataQualitySince(DataQuality quality, string? reason, DateTimeOffset since)
    {
        var s = state.State;
        if (s.Spec is null || s.Quality == quality)
        {
            return;
        }

        var now = clock.GetUtcNow();
        s.Quality = quality;
        s.QualitySince = since > now ? now : since < s.QualitySince ? s.QualitySince : since;
        await CommitAsync();
        ScheduleGraceCheck();
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

    private void EnterState(PackMlState next, DateTimeOffset? at = null)
    {
        var s = state.State;
        s.State = next;
        s.StateSince = at ?? clock.GetUtcNow();
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

    /// <summary>Lost data makes the machine unavailable only after the grace period: look again then.</summary>
    private void ScheduleGraceCheck()
    {
        _graceTimer?.Dispose();
        _graceTimer = null;
        var s = state.State;
        if (s.Quality is not (DataQuality.Disconnected or DataQuality.Stale))
        {
            return;
        }

        var due = s.QualitySince + _options.DataQualityGracePeriod - clock.GetUtcNow();
        _graceTimer = this.RegisterGrainTimer(async _ =>
        {
            if (BuildView().Available != _wasAvailable)
            {
                await CommitAsync();
            }
        }, new GrainTimerCreationOptions(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
    }

    private Task PublishPendingTelemetry(CancellationToken cancellationToken)
    {
        if (!_telemetryPending)
        {
            return Task.CompletedTask;
        }

        _telemetryPending = false;
        state.State.Version++;
        Publish(BuildView());
        return Task.CompletedTask;
    }

    /// <summary>Saves, then tells the line and the feed. Nothing is published that was not saved first.</summary>
    private async Task CommitAsync()
    {
        state.State.Version++;
        await state.WriteStateAsync();
        Publish(BuildView());
    }

    private void Publish(MachineView view)
    {
        _lastTelemetryPublish = clock.GetUtcNow();
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
            s.CurrentWorkOrderId, s.CurrentOperation, why is null, why, s.Version, s.Source);
    }
}
