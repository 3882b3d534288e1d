using Factory.Domain.History;
using Factory.Grains.History;
using Factory.Grains.State;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Factory.Grains;

/// <summary>
/// One machine. Thin: the PackML rules live in <see cref="PackMlStateMachine"/>, availability in
/// <see cref="MachineAvailability"/> and how it carries a job in <see cref="JobExecution"/>; this grain keeps the state,
/// saves it, publishes each change, reports its job to the work order and sends its PLC the job and the commands.
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

    /// <summary>A PLC feeds it (or will: its source is configured even before the first value arrives), so only the PLC changes its state.</summary>
    private bool PlcFed => state.State.HasPlc || state.State.Spec?.Source is not null;
    private IGrainTimer? _transientTimer;
    private IGrainTimer? _retryTimer;
    private (PackMlState State, PackMlCommand Command)? _driven;
    private JobReport? _pendingProgress;
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
            s.QualityReason = null;
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
        AdvanceJob();
        await CommitAsync();
        ScheduleTransientCompletion();
        await DriveAsync();
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
        var s = state.State;

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

        var reason = telemetry.Quality == DataQuality.Good ? null : telemetry.QualityReason;
        if (reason != s.QualityReason)
        {
            s.QualityReason = reason;
            significant = true;
        }

        if (telemetry.JobId is { } plcJob && plcJob != s.PlcJobId)
        {
            s.PlcJobId = plcJob;
            significant = true;
        }

        if (telemetry.JobGood is { } jobGood && (jobGood != s.PlcJobGood || s.PlcJobGoodOf != s.PlcJobId))
        {
            s.PlcJobGood = jobGood;
            s.PlcJobGoodOf = s.PlcJobId;
            significant = true;
        }

        if (telemetry.JobComplete is { } complete && complete != s.PlcJobComplete)
        {
            s.PlcJobComplete = complete;
            significant = true;
        }

        s.Telemetry = s.Telemetry.Taking(telemetry);

        significant |= AdvanceJob();
        if (significant)
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
        var s = state.State;
        if (s.Spec is null || (s.Quality == quality && s.QualityReason == reason))
        {
            return;
        }

        var now = clock.GetUtcNow();
        s.QualityReason = quality == DataQuality.Good ? null : reason;
        if (s.Quality == quality)
        {
            await CommitAsync();
            return;
        }

        s.Quality = quality;
        s.QualitySince = since > now ? now : since < s.QualitySince ? s.QualitySince : since;
        AdvanceJob();
        await CommitAsync();
        ScheduleGraceCheck();
    }

    public async Task<CommandResult> TakeJob(JobTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var s = state.State;
        if (s.Spec is null)
        {
            return CommandResult.Refused(Refusal.NotFound($"machine {this.GetPrimaryKeyString()} does not exist"), 0);
        }

        if (ticket.Quantity <= 0)
        {
            return CommandResult.Refused(Refusal.Invalid($"job {ticket.JobId} has nothing to make"), s.Version);
        }

        if (s.Job?.Id == ticket.JobId && !s.Job.IsFinished)
        {
            return CommandResult.Ok(s.Version); // the same release again (a retry): nothing changes
        }

        if (PlcFed && s.Telemetry.SourceTimestamp is null)
        {
            return CommandResult.Refused(Refusal.Conflict($"machine {s.Spec.Id} cannot take job {ticket.JobId}: its PLC has not reported yet"), s.Version);
        }

        if (JobExecution.WhyNotFree(s.State, BuildView().UnavailableReason, s.Job) is { } why)
        {
            return CommandResult.Refused(Refusal.Conflict($"machine {s.Spec.Id} cannot take job {ticket.JobId}: {why}"), s.Version);
        }

        var now = clock.GetUtcNow();
        var counters = s.Telemetry.CountersAt is not null;
        s.Job = JobExecution.Open(ticket.WorkOrderId, ticket.Sequence, ticket.OperationName, ticket.Product, ticket.Quantity, ticket.Program,
            ticket.WorkerId, now, counters ? s.Telemetry.GoodCount : null, counters ? s.Telemetry.ScrapCount : null);
        s.JobStandardSecondsPerPart = ticket.StandardSecondsPerPart;
        s.CurrentWorkOrderId = ticket.WorkOrderId;
        s.CurrentOperation = ticket.Sequence;
        s.PlcError = null;
        // A PLC that reported the previous job complete has not seen this one yet.
        s.PlcJobComplete = s.PlcJobComplete is null ? null : false;
        // Nor has its job count: what it reported so far belongs to the job before, even one with the same id.
        s.PlcJobGoodOf = null;
        _driven = null;
        if (PlcFed)
        {
            // The job's tags first, then the command that gets the machine going: one write sequence, in this order.
            var command = JobExecution.NextCommand(s.Job, s.State);
            if (command is { } c)
            {
                _driven = (s.State, c);
            }

            SendToPlc(s.Job.Id, "writing the job", async (plc, ct) =>
                await plc.WriteJobAsync(s.Spec.Id, ticket, ct) ?? (command is { } go ? await plc.WriteCommandAsync(s.Spec.Id, go, ct) : null));
        }

        AdvanceJob();
        await CommitAsync();
        await DriveAsync();
        return CommandResult.Ok(s.Version);
    }

    public async Task<JobWithdrawal> WithdrawJob(string workOrderId, int sequence, string reason)
    {
        var s = state.State;
        if (s.Job is not { } job || job.WorkOrderId != workOrderId || job.Sequence != sequence)
        {
            return new JobWithdrawal(false, 0, 0);
        }

        var held = !job.IsFinished;
        var withdrawal = new JobWithdrawal(held, job.Good, job.Scrap);
        ClearJob();
        if (PlcFed)
        {
            var machineId = s.Spec!.Id;
            var stop = s.State == PackMlState.Execute;
            SendToPlc(job.Id, "taking the job back", async (plc, ct) =>
                await plc.ClearJobAsync(machineId, ct) ?? (stop ? await plc.WriteCommandAsync(machineId, PackMlCommand.Complete, ct) : null));
        }
        else if (s.State == PackMlState.Execute)
        {
            // It makes nothing more for a job taken back.
            EnterState(PackMlStateMachine.Apply(s.State, PackMlCommand.Complete).Target);
            ScheduleTransientCompletion();
        }

        logger.LogInformation("Machine {Machine} gave back job {Job}: {Reason}", s.Spec?.Id, job.Id, reason);
        await CommitAsync();
        return withdrawal;
    }

    public async Task OnPlcWrite(string jobId, string what, string? error)
    {
        var s = state.State;
        if (s.Job?.Id != jobId)
        {
            return;
        }

        var text = error is null ? null : $"{what}: {error}";
        if (error is not null)
        {
            logger.LogWarning("Machine {Machine}, job {Job}: {What} failed: {Error}", s.Spec?.Id, jobId, what, error);
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

        if (text != s.PlcError)
        {
            s.PlcError = text;
            await CommitAsync();
        }
    }

    /// <summary>
    /// Applies what the machine shows now to its job: starts, counts, completes or interrupts it, and tells the work order
    /// (progress at most every second). Returns true when the job changed in a way worth saving.
    /// </summary>
    private bool AdvanceJob()
    {
        var s = state.State;
        if (s.Job is not { } job)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var counters = s.Telemetry.CountersAt is not null;
        var seen = new JobObservation(s.State, s.StateSince, BuildView().UnavailableReason,
            counters ? s.Telemetry.GoodCount : null, counters ? s.Telemetry.ScrapCount : null, s.PlcJobId, s.PlcJobComplete, now)
        {
            PlcJobGood = s.PlcJobGood is { } plcGood && s.PlcJobGoodOf is { } of && of == s.PlcJobId ? plcGood : null,
            PlcCountsJobs = s.PlcJobGood is not null,
        };
        var step = JobExecution.Observe(job, seen);
        s.Job = step.Job;
        foreach (var report in step.Reports)
        {
            if (report.Kind == JobReportKind.Progress)
            {
                _pendingProgress = report;
                continue;
            }

            _pendingProgress = null;
            Report(job, report);
        }

        if (_pendingProgress is { } progress && now - _lastProgressReport >= ProgressReportInterval)
        {
            _pendingProgress = null;
            Report(job, progress);
        }

        if (step.Job is null)
        {
            // Interrupted: the machine holds nothing now; its PLC is told to forget the job.
            var machineId = s.Spec!.Id;
            ClearJob();
            if (PlcFed && s.PlcJobId is { Length: > 0 })
            {
                SendToPlc(job.Id, "clearing the interrupted job", (plc, ct) => plc.ClearJobAsync(machineId, ct));
            }

            return true;
        }

        if (step.Job.IsFinished && !job.IsFinished)
        {
            TellDispatcherFree();
        }

        return step.Job.Phase != job.Phase || step.Job.RunEnded != job.RunEnded || step.MismatchChanged;
    }

    private void Report(MachineJob job, JobReport report)
    {
        _lastProgressReport = clock.GetUtcNow();
        var machineId = state.State.Spec!.Id;
        _afterSave.Add(() => GrainFactory.GetGrain<IWorkOrderGrain>(job.WorkOrderId)
            .ReportJob(job.Sequence, machineId, report.Kind, report.Good, report.Scrap, report.At, report.Note).Ignore());
    }

    private void TellDispatcherFree()
    {
        var (siteId, machineId) = (state.State.Spec!.SiteId, state.State.Spec.Id);
        _afterSave.Add(() => GrainFactory.GetGrain<IDispatcherGrain>(siteId).OnMachineFree(machineId).Ignore());
    }

    private void ClearJob()
    {
        var s = state.State;
        s.Job = null;
        s.CurrentWorkOrderId = null;
        s.CurrentOperation = null;
        s.PlcError = null;
        _pendingProgress = null;
        _driven = null;
        TellDispatcherFree();
    }

    /// <summary>
    /// Sends the machine the PackML command its job needs now (once per state): to its PLC, or, for a machine driven through
    /// the API, applied here as its own controller would.
    /// </summary>
    private async Task DriveAsync()
    {
        var s = state.State;
        for (var step = 0; step < 4; step++)
        {
            if (JobExecution.NextCommand(s.Job, s.State) is not { } command)
            {
                _driven = null;
                return;
            }

            if (_driven == (s.State, command))
            {
                return;
            }

            _driven = (s.State, command);
            if (PlcFed)
            {
                var machineId = s.Spec!.Id;
                SendToPlc(s.Job!.Id, $"sending {command}", (plc, ct) => plc.WriteCommandAsync(machineId, command, ct));
                SendAfterSave(); // the command follows from the state as stored
                return;
            }

            var transition = PackMlStateMachine.Apply(s.State, command, s.Spec!.HoldExtensions);
            if (!transition.Accepted)
            {
                return;
            }

            EnterState(transition.Target);
            AdvanceJob();
            await CommitAsync();
            ScheduleTransientCompletion();
        }
    }

    /// <summary>
    /// Writes to the PLC off the grain's turn (a slow PLC must not hold up its telemetry), once the change that calls for it
    /// is stored; the outcome comes back as <see cref="OnPlcWrite"/>.
    /// </summary>
    private void SendToPlc(string jobId, string what, Func<IPlcDriver, CancellationToken, Task<string?>> write)
    {
        var self = this.AsReference<IMachineGrain>();
        if (services.GetService<IPlcDriver>() is not { } plc)
        {
            state.State.PlcError = $"{what}: no PLC connector on this host";
            return;
        }

        _afterSave.Add(() => _ = Task.Run(async () =>
        {
            string? error;
            try
            {
                using var timeout = new CancellationTokenSource(PlcWriteTimeout);
                error = await write(plc, timeout.Token);
            }
            catch (Exception e)
            {
                error = e.Message;
            }

            await self.OnPlcWrite(jobId, what, error);
        }));
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
        AdvanceJob();
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
            if (BuildView().Available != _wasAvailable)
            {
                AdvanceJob();
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
        var condition = new MachineCondition(s.State, s.Mode, s.Quality, s.QualitySince, s.FaultReason, InPlannedStop: false);
        var why = MachineAvailability.WhyUnavailable(condition, clock.GetUtcNow(), _options.DataQualityGracePeriod);
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
            Job = JobView(),
            QualityReason = s.QualityReason,
        };
    }

    private JobView? JobView()
    {
        var s = state.State;
        if (s.Job is not { } job)
        {
            return null;
        }

        var eta = job.IsFinished ? null : JobExecution.Eta(job.Quantity - job.Good, job.Good, job.StartedAt, job.CountedAt,
            TimeSpan.FromSeconds(s.JobStandardSecondsPerPart), job.ReleasedAt);
        return new JobView(job.Id, job.WorkOrderId, job.Sequence, job.OperationName, job.Product, job.Quantity, job.Program, job.WorkerId,
            job.Phase, job.ReleasedAt, job.StartedAt, job.FinishedAt, job.Good, job.Scrap, job.Mismatch, eta, s.PlcError);
    }
}
