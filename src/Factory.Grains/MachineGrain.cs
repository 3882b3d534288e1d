using Factory.Domain.History;
using Factory.Grains.History;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// One machine. Thin: its rules live in <see cref="MachineUnit"/> (which applies <see cref="PackMlStateMachine"/>,
/// <see cref="MachineAvailability"/> and <see cref="JobExecution"/>); this grain loads its facts, calls a rule, saves,
/// publishes each change, reports its job to the work order, sends its PLC the writes the rule asked for, and drives
/// a machine without a PLC through its acting states.
/// </summary>
public sealed class MachineGrain(
    [PersistentState("machine", StorageNames.Plant)] IPersistentState<MachineState> state,
    PlantClock clock,
    IOptions<PlantOptions> options,
    IServiceProvider services,
    ILogger<MachineGrain> logger) : Grain, IMachineGrain
{
    /// <summary>Progress of a running job reaches its work order at most this often (completion and interruption at once).</summary>
    private static readonly TimeSpan ProgressReportInterval = TimeSpan.FromSeconds(1);

    /// <summary>A PLC write that failed is tried again after this long if the machine's state did not move on.</summary>
    private static readonly TimeSpan PlcRetryDelay = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan PlcWriteTimeout = TimeSpan.FromSeconds(10);

    private readonly PlantOptions _options = options.Value;

    /// <summary>Where every telemetry value is kept (none in a silo configured without history).</summary>
    private readonly HistoryWriter? _history = services.GetService<HistoryWriter>();

    private IGrainTimer? _transientTimer;
    private IGrainTimer? _retryTimer;
    private (PackMlState State, PackMlCommand Command)? _driven;
    private WorkOrderReport? _pendingProgress;
    private DateTimeOffset _lastProgressReport;
    private IGrainTimer? _graceTimer;
    private bool? _wasAvailable;
    private bool _telemetryPending;
    private DateTimeOffset _lastTelemetryPublish;

    /// <summary>
    /// What the other grains and the PLC are to be told about a change (job reports, a free machine, PLC writes): sent
    /// once the change is stored, dropped when it could not be, so nobody acts on what the machine does not remember.
    /// </summary>
    private readonly List<Action> _afterSave = [];

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

        _wasAvailable = state.State.Spec is null ? null : Available;
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
            s.Keep(Unit.Unplugged(now)); // defined before: only a PLC's telemetry sets HasPlc
        }

        s.Spec = spec;
        await CommitAsync();
        ScheduleTransientCompletion();
    }

    public Task<MachineView?> GetView() => Task.FromResult(state.State.Spec is null ? null : BuildView());

    public async Task<CommandResult> ExecuteCommand(PackMlCommand command)
    {
        if (state.State.Spec is null)
        {
            return NotDefined();
        }

        var step = Unit.Execute(command, clock.GetUtcNow());
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        Keep(step);
        await CommitAsync();
        ScheduleTransientCompletion();
        await DriveAsync();
        return CommandResult.Ok(state.State.Version);
    }

    public Task<CommandResult> ValidateCommand(PackMlCommand command) => Task.FromResult(
        state.State.Spec is null ? NotDefined()
        : Unit.Check(command).Refusal is { } refusal ? Refused(refusal)
        : CommandResult.Ok(state.State.Version));

    public async Task ApplyTelemetry(MachineTelemetry telemetry)
    {
        ArgumentNullException.ThrowIfNull(telemetry);
        if (state.State.Spec is null)
        {
            return;
        }

        // Queued for the historian first, awaited last: the live path (state, feed) does not wait for the disk, and
        // the connector's call returns only once the values are stored.
        var stored = _history is null
            ? Task.CompletedTask
            : await _history.EnqueueAsync(new HistoryBatch(TelemetrySamples.Of(this.GetPrimaryKeyString(), telemetry), [], []));
        await ApplyLive(telemetry);
        await stored;
    }

    private async Task ApplyLive(MachineTelemetry telemetry)
    {
        // The PLC completes acting states from now on.
        _transientTimer?.Dispose();
        _transientTimer = null;
        state.State.Telemetry = state.State.Telemetry.Taking(telemetry);
        var step = Unit.Observe(telemetry.ToReading(), clock.GetUtcNow());
        Keep(step);
        if (step.Significant)
        {
            _telemetryPending = false;
            await CommitAsync();
            await DriveAsync();
        }
        else
        {
            // Counters and process values change constantly; screens get them a few times a second, storage not at all.
            _telemetryPending = true;
            if (clock.GetUtcNow() - _lastTelemetryPublish >= _options.TelemetryPublishInterval)
            {
                await PublishPendingTelemetry(CancellationToken.None);
            }

            // Progress is not stored either (machines report totals, so a lost one is caught up): it goes now.
            SendAfterSave();
        }
    }

    public Task SetDataQuality(DataQuality quality, string? reason) => SetDataQualitySince(quality, reason, clock.GetUtcNow());

    public async Task SetDataQualitySince(DataQuality quality, string? reason, DateTimeOffset since)
    {
        if (state.State.Spec is null || Unit.SetQuality(quality, reason, since, clock.GetUtcNow()) is not { Significant: true } step)
        {
            return;
        }

        Keep(step);
        await CommitAsync();
        ScheduleGraceCheck();
    }

    public async Task<CommandResult> TakeJob(JobTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        if (state.State.Spec is null)
        {
            return NotDefined();
        }

        var now = clock.GetUtcNow();
        var step = Unit.Take(ticket.ToJob(now), ticket.StandardSecondsPerPart, now);
        if (step.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        // Not significant: the same release again (a retry), and nothing changes.
        if (step.Significant)
        {
            Keep(step);
            await CommitAsync();
            await DriveAsync();
        }

        return CommandResult.Ok(state.State.Version);
    }

    public async Task<JobWithdrawal> WithdrawJob(string workOrderId, int sequence, string reason)
    {
        if (state.State.Spec is null || Unit.Withdraw(workOrderId, sequence, clock.GetUtcNow()) is not { Withdrawn: { } job } step)
        {
            return new JobWithdrawal(false, 0, 0);
        }

        Keep(step);
        logger.LogInformation("Machine {Machine} gave back job {Job}: {Reason}", state.State.Spec.Id, job.Id, reason);
        await CommitAsync();
        ScheduleTransientCompletion();
        return new JobWithdrawal(!job.IsFinished, job.Good, job.Scrap);
    }

    public async Task OnPlcWrite(string jobId, string what, string? error)
    {
        if (state.State.Job?.Id != jobId)
        {
            return;
        }

        if (error is not null)
        {
            logger.LogWarning("Machine {Machine}, job {Job}: {What} failed: {Error}", state.State.Spec?.Id, jobId, what, error);
            // Try again later if the machine is still where it was (a PLC briefly away, a command sent a moment too early).
            _retryTimer?.Dispose();
            _retryTimer = this.RegisterGrainTimer(async _ =>
            {
                _retryTimer?.Dispose();
                _retryTimer = null;
                _driven = null;
                await DriveAsync();
            }, new GrainTimerCreationOptions(PlcRetryDelay, Timeout.InfiniteTimeSpan));
        }

        var step = Unit.RecordPlcWrite(jobId, what, error);
        if (step.Significant)
        {
            Keep(step);
            await CommitAsync();
        }
    }

    /// <summary>The machine's live facts, for its rules (a defined machine only).</summary>
    private MachineUnit Unit => state.State.ToUnit(_options.DataQualityGracePeriod);

    private bool Available => Unit.UnavailableReason(clock.GetUtcNow()) is null;

    private CommandResult NotDefined() => CommandResult.Refused(MachineUnit.NotDefined(this.GetPrimaryKeyString()), 0);

    private CommandResult Refused(Refusal refusal) => CommandResult.Refused(refusal, state.State.Version);

    /// <summary>
    /// Keeps the machine a rule left, and queues what follows to go once it is stored: the work order's reports (progress
    /// at most every second), a free machine for the dispatcher, the PLC's writes.
    /// </summary>
    private void Keep(MachineStep step)
    {
        state.State.Keep(step.Unit);
        if (step.JobDropped)
        {
            _pendingProgress = null;
            _driven = null;
        }

        foreach (var report in step.Reports)
        {
            if (report.Report.Kind == JobReportKind.Progress)
            {
                _pendingProgress = report;
                continue;
            }

            _pendingProgress = null;
            Report(report);
        }

        if (_pendingProgress is { } progress && clock.GetUtcNow() - _lastProgressReport >= ProgressReportInterval)
        {
            _pendingProgress = null;
            Report(progress);
        }

        if (step.Freed)
        {
            var (siteId, machineId) = (state.State.Spec!.SiteId, state.State.Spec.Id);
            _afterSave.Add(() => GrainFactory.GetGrain<IDispatcherGrain>(siteId).OnMachineFree(machineId).Ignore());
        }

        foreach (var write in step.PlcWrites)
        {
            // The command written with the job is driven already: it is not sent again for the same state.
            if (write.Job == PlcJobAction.Write)
            {
                _driven = write.Command is { } command ? (step.Unit.State, command) : null;
            }

            SendToPlc(write);
        }
    }

    private void Report(WorkOrderReport news)
    {
        _lastProgressReport = clock.GetUtcNow();
        var (machineId, report) = (state.State.Spec!.Id, news.Report);
        _afterSave.Add(() => GrainFactory.GetGrain<IWorkOrderGrain>(news.WorkOrderId)
            .ReportJob(news.Sequence, machineId, report.Kind, report.Good, report.Scrap, report.At, report.Note).Ignore());
    }

    /// <summary>
    /// Sends the machine the PackML command its job needs now (once per state): to its PLC, or, for a machine driven through
    /// the API, applied here as its own controller would.
    /// </summary>
    private async Task DriveAsync()
    {
        for (var step = 0; step < 4; step++)
        {
            var unit = Unit;
            if (unit.NextCommand is not { } command)
            {
                _driven = null;
                return;
            }

            if (_driven == (unit.State, command))
            {
                return;
            }

            _driven = (unit.State, command);
            if (unit.PlcFed)
            {
                SendToPlc(new PlcWrite(unit.Job!.Id, $"sending {command}", PlcJobAction.None, command));
                SendAfterSave(); // the command follows from the state as stored
                return;
            }

            var executed = unit.Execute(command, clock.GetUtcNow());
            if (executed.IsRefused)
            {
                return;
            }

            Keep(executed);
            await CommitAsync();
            ScheduleTransientCompletion();
        }
    }

    /// <summary>
    /// Writes to the PLC off the grain's turn (a slow PLC must not hold up its telemetry), once the change that calls for it
    /// is stored; the outcome comes back as <see cref="OnPlcWrite"/>.
    /// </summary>
    private void SendToPlc(PlcWrite write)
    {
        var self = this.AsReference<IMachineGrain>();
        if (services.GetService<IPlcDriver>() is not { } plc)
        {
            state.State.PlcError = $"{write.What}: no PLC connector on this host";
            return;
        }

        var machineId = state.State.Spec!.Id;
        var ticket = write.Job == PlcJobAction.Write && state.State.Job is { } job ? JobTicket.Of(job, write.Quantity, state.State.JobStandardSecondsPerPart) : null;
        if (ticket is not null)
        {
            logger.LogInformation("Machine {Machine}: {What}, {Job} for {Quantity} parts", machineId, write.What, write.JobId, write.Quantity);
        }

        _afterSave.Add(() => _ = Task.Run(async () =>
        {
            string? error;
            try
            {
                using var timeout = new CancellationTokenSource(PlcWriteTimeout);
                error = write.Job switch
                {
                    PlcJobAction.Write => await plc.WriteJobAsync(machineId, ticket!, timeout.Token),
                    PlcJobAction.Clear => await plc.ClearJobAsync(machineId, timeout.Token),
                    _ => null,
                };
                if (error is null && write.Command is { } command)
                {
                    error = await plc.WriteCommandAsync(machineId, command, timeout.Token);
                }
            }
            catch (Exception e)
            {
                error = e.Message;
            }

            await self.OnPlcWrite(write.JobId, write.What, error);
        }));
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
        var step = Unit.CompleteTransientState(clock.GetUtcNow());
        if (!step.Significant)
        {
            return;
        }

        Keep(step);
        await CommitAsync();
        ScheduleTransientCompletion();
        await DriveAsync();
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
            if (Available != _wasAvailable)
            {
                Keep(Unit.Advance(clock.GetUtcNow()));
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

    /// <summary>Saves, then tells the line, the feed and whoever the change concerns. Nothing is sent that was not saved first.</summary>
    private async Task CommitAsync()
    {
        state.State.Version++;
        try
        {
            await state.SaveOrRestoreAsync(this);
        }
        catch (StateNotStoredException)
        {
            _afterSave.Clear();
            throw;
        }

        Publish(BuildView());
        SendAfterSave();
    }

    private void SendAfterSave()
    {
        var due = _afterSave.ToArray();
        _afterSave.Clear();
        foreach (var send in due)
        {
            send();
        }
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
        var unit = Unit;
        var why = unit.UnavailableReason(clock.GetUtcNow());
        // The view's source is the endpoint whose data the machine takes, which the spec only names until that data arrives.
        return new MachineView(spec with { Source = s.Source })
        {
            State = s.State,
            StateSince = s.StateSince,
            Mode = s.Mode,
            Quality = s.Quality,
            QualitySince = s.QualitySince,
            FaultReason = s.FaultReason,
            Telemetry = s.Telemetry,
            CurrentWorkOrderId = s.CurrentWorkOrderId,
            CurrentOperation = s.CurrentOperation,
            Available = why is null,
            UnavailableReason = why,
            Version = s.Version,
            Job = s.Job?.ToView(unit.JobEta, s.PlcError),
            QualityReason = s.QualityReason,
        };
    }
}
