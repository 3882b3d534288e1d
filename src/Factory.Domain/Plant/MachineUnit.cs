using Factory.Domain.PackMl;
using Factory.Domain.Work;

namespace Factory.Domain.Plant;

/// <summary>
/// One machine's live facts and their rules: its PackML state, mode and data quality, its fault, what its PLC last said of
/// its job, and the job it holds. Immutable: every operation returns a <see cref="MachineStep"/> with the machine after it
/// and what follows (reports to the work order, a free machine, PLC writes), or a refusal that changes nothing. How a job
/// is carried is <see cref="JobExecution"/>'s, which commands are legal <see cref="PackMlStateMachine"/>'s and whether it may
/// work <see cref="MachineAvailability"/>'s; this type applies them to the machine.
/// </summary>
/// <param name="Id">The machine's id, for the reasons it gives.</param>
/// <param name="StateSince">When the current state began (source time when it came from a PLC).</param>
public sealed record MachineUnit(string Id, PackMlState State, DateTimeOffset StateSince)
{
    /// <summary>It supports the optional PackML Hold extensions.</summary>
    public bool HoldExtensions { get; init; }

    public UnitMode Mode { get; init; } = UnitMode.Production;

    public DataQuality Quality { get; init; } = DataQuality.Good;

    /// <summary>When the current data quality began.</summary>
    public DateTimeOffset QualitySince { get; init; }

    /// <summary>Why the data is not Good, or null.</summary>
    public string? QualityReason { get; init; }

    /// <summary>The fault it is in ("aborted" when it aborted), or null.</summary>
    public string? FaultReason { get; init; }

    /// <summary>A PLC has fed it: the PLC, not this machine, completes its acting states and owns its state.</summary>
    public bool HasPlc { get; init; }

    /// <summary>The endpoint feeding it, when it has a PLC.</summary>
    public string? Source { get; init; }

    /// <summary>Its definition names a PLC source (even before the first value arrives).</summary>
    public bool PlcConfigured { get; init; }

    /// <summary>The PLC has reported a value with a timestamp.</summary>
    public bool PlcReported { get; init; }

    /// <summary>The PLC's cumulative good counter, or null while the counters were never read.</summary>
    public long? GoodReading { get; init; }

    /// <summary>The PLC's cumulative scrap counter, or null while the counters were never read.</summary>
    public long? ScrapReading { get; init; }

    /// <summary>How long lost data is tolerated before the machine counts as unavailable.</summary>
    public TimeSpan GracePeriod { get; init; }

    /// <summary>The job it holds (released, running, or finished until the next one).</summary>
    public MachineJob? Job { get; init; }

    /// <summary>The standard time per part of the job's operation, for its ETA until the run shows its own rate.</summary>
    public double JobStandardSecondsPerPart { get; init; }

    /// <summary>The work order of the job it holds, or null.</summary>
    public string? CurrentWorkOrderId { get; init; }

    /// <summary>The operation of the job it holds, or null.</summary>
    public int? CurrentOperation { get; init; }

    /// <summary>The job the PLC last said it runs ("" for none); null when its tag map reads no job id.</summary>
    public string? PlcJobId { get; init; }

    /// <summary>The PLC's last job-complete flag; null when its tag map reads none.</summary>
    public bool? PlcJobComplete { get; init; }

    /// <summary>The PLC's last count of good parts for its job; null when its tag map reads none.</summary>
    public long? PlcJobGood { get; init; }

    /// <summary>The job the PLC reported when <see cref="PlcJobGood"/> was read.</summary>
    public string? PlcJobGoodOf { get; init; }

    /// <summary>Why the last PLC write for the job failed, or null.</summary>
    public string? PlcError { get; init; }

    /// <summary>A PLC feeds it (or will: its source is configured), so only the PLC changes its state.</summary>
    public bool PlcFed => HasPlc || PlcConfigured;

    /// <summary>The command its job needs now, or null (see <see cref="JobExecution.NextCommand"/>).</summary>
    public PackMlCommand? NextCommand => JobExecution.NextCommand(Job, State);

    /// <summary>When its job will have made its quantity, or null (no job, or finished).</summary>
    public DateTimeOffset? JobEta => Job is not { IsFinished: false } job ? null
        : JobExecution.Eta(job.Quantity - job.Good, job.Good, job.StartedAt, job.CountedAt, TimeSpan.FromSeconds(JobStandardSecondsPerPart), job.ReleasedAt);

    /// <summary>The refusal for a machine that was never defined.</summary>
    public static Refusal NotDefined(string machineId) => Refusal.NotFound($"machine {machineId} does not exist");

    /// <summary>Why it may not take new work at <paramref name="now"/>, or null when it may.</summary>
    public string? UnavailableReason(DateTimeOffset now) =>
        MachineAvailability.WhyUnavailable(new MachineCondition(State, Mode, Quality, QualitySince, FaultReason, InPlannedStop: false), now, GracePeriod);

    /// <summary>
    /// Checks a PackML command against the state without applying it (a PLC-fed machine's command, before it is written
    /// to the PLC): the same rule as <see cref="Execute"/>, less the PLC's ownership of the state.
    /// </summary>
    public MachineStep Check(PackMlCommand command) => Decide(command, applying: false) is { } refusal ? Refused(refusal) : Unchanged;

    /// <summary>Applies a PackML command given through the API: refused when a PLC owns the state or PackML forbids it.</summary>
    public MachineStep Execute(PackMlCommand command, DateTimeOffset now) =>
        Decide(command, applying: true) is { } refusal ? Refused(refusal)
        : EnterState(PackMlStateMachine.Apply(State, command, HoldExtensions).Target, now).Advance(now) with { Significant = true };

    /// <summary>An acting state of a machine without a PLC is done: it moves on (see <see cref="PackMlStateMachine.StateComplete"/>).</summary>
    public MachineStep CompleteTransientState(DateTimeOffset now) =>
        HasPlc || !PackMlStateMachine.IsTransient(State) ? Unchanged
        : EnterState(PackMlStateMachine.StateComplete(State), now).Advance(now) with { Significant = true };

    /// <summary>
    /// Takes what a batch of PLC values says of the machine (read its counters into <see cref="GoodReading"/> and
    /// <see cref="ScrapReading"/> first). Significant when its source, state, mode, quality, reason or job tags changed, or
    /// its job changed enough to save; else only counters and process values moved. A PLC that lost the job it ran is due
    /// it again.
    /// </summary>
    public MachineStep Observe(PlcReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var significant = !HasPlc || Source != reading.Source;
        var next = this with { HasPlc = true, Source = reading.Source };
        if (reading.State is { } state && state != next.State)
        {
            next = next.EnterState(state, reading.StateAt);
            significant = true;
        }

        if (reading.Mode is { } mode && mode != next.Mode)
        {
            next = next with { Mode = mode };
            significant = true;
        }

        if (reading.Quality != next.Quality)
        {
            next = next with { Quality = reading.Quality, QualitySince = now };
            significant = true;
        }

        var reason = reading.Quality == DataQuality.Good ? null : reading.QualityReason;
        if (reason != next.QualityReason)
        {
            next = next with { QualityReason = reason };
            significant = true;
        }

        if (reading.JobId is { } plcJob && plcJob != next.PlcJobId)
        {
            next = next with { PlcJobId = plcJob };
            significant = true;
        }

        // The count belongs to the job the PLC reported when it was read: a count for the job before is not this job's.
        if (reading.JobGood is { } jobGood && (jobGood != next.PlcJobGood || next.PlcJobGoodOf != next.PlcJobId))
        {
            next = next with { PlcJobGood = jobGood, PlcJobGoodOf = next.PlcJobId };
            significant = true;
        }

        if (reading.JobComplete is { } complete && complete != next.PlcJobComplete)
        {
            next = next with { PlcJobComplete = complete };
            significant = true;
        }

        var advanced = next.Advance(now);
        advanced = advanced with { Significant = significant || advanced.Significant };

        // A PLC that showed this job and now shows none lost it (it restarted, or its job was cleared at the panel): the
        // job is written again with what is left of it, or nobody runs it, its parts are never credited and its worker
        // stays held. Only on the change, so a PLC that keeps refusing it is not written to on every value.
        return Job is { IsFinished: false } held && PlcJobId == held.Id && next.PlcJobId is { Length: 0 }
            && advanced.Unit.Job is { IsFinished: false } still && still.Id == held.Id
            ? advanced with
            {
                PlcWrites = advanced.PlcWrites.Add(
                    new PlcWrite(held.Id, "writing the job again (the PLC lost it)", PlcJobAction.Write, advanced.Unit.NextCommand) { Quantity = still.Left }),
            }
            : advanced;
    }

    /// <summary>
    /// The data quality as the connection says, holding since <paramref name="since"/> (never later than
    /// <paramref name="now"/>, never before the quality last changed). A reason is kept only while the quality is not Good.
    /// </summary>
    public MachineStep SetQuality(DataQuality quality, string? reason, DateTimeOffset since, DateTimeOffset now)
    {
        var kept = quality == DataQuality.Good ? null : reason;
        if (quality == Quality)
        {
            return kept == QualityReason ? Unchanged : new MachineStep(this with { QualityReason = kept }) { Significant = true };
        }

        var from = since > now ? now : since < QualitySince ? QualitySince : since;
        return (this with { Quality = quality, QualitySince = from, QualityReason = kept }).Advance(now) with { Significant = true };
    }

    /// <summary>
    /// Gives it a released operation's job (<paramref name="released"/>, released now, its counters not read yet). Refused
    /// when there is nothing to make, when its PLC has not reported yet or when it is not free; the same job again (a retry)
    /// changes nothing. Taking a job forgets what the PLC said of the job before, and a PLC-fed machine is due the job's
    /// tags and the command that gets it going.
    /// </summary>
    /// <param name="standardSecondsPerPart">The operation's standard time per part, for the ETA until the run shows its own rate.</param>
    public MachineStep Take(MachineJob released, double standardSecondsPerPart, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(released);
        if (released.Quantity <= 0)
        {
            return Refused(Refusal.Invalid($"job {released.Id} has nothing to make"));
        }

        if (Job?.Id == released.Id && !Job.IsFinished)
        {
            return Unchanged;
        }

        if (PlcFed && !PlcReported)
        {
            return Refused(Refusal.Conflict($"machine {Id} cannot take job {released.Id}: its PLC has not reported yet"));
        }

        if (JobExecution.WhyNotFree(State, UnavailableReason(now), Job) is { } why)
        {
            return Refused(Refusal.Conflict($"machine {Id} cannot take job {released.Id}: {why}"));
        }

        var job = JobExecution.Open(released, GoodReading, ScrapReading);
        var taken = this with
        {
            Job = job,
            JobStandardSecondsPerPart = standardSecondsPerPart,
            CurrentWorkOrderId = job.WorkOrderId,
            CurrentOperation = job.Sequence,
            PlcError = null,
            // A PLC that reported the previous job complete has not seen this one yet.
            PlcJobComplete = PlcJobComplete is null ? null : false,
            // Nor has its job count: what it reported so far belongs to the job before, even one with the same id.
            PlcJobGoodOf = null,
        };
        var advanced = taken.Advance(now);
        ImmutableArray<PlcWrite> write = PlcFed ? [new PlcWrite(job.Id, "writing the job", PlcJobAction.Write, taken.NextCommand) { Quantity = job.Left }] : [];
        return advanced with { Significant = true, PlcWrites = write.AddRange(advanced.PlcWrites) };
    }

    /// <summary>
    /// Takes its job back (moved or cancelled) when it holds that job: it stops crediting it, lets go of it, and stops
    /// making parts for it (its PLC is told to forget the job; a machine without one completes its run).
    /// </summary>
    public MachineStep Withdraw(string workOrderId, int sequence, DateTimeOffset now)
    {
        if (Job is not { } job || job.WorkOrderId != workOrderId || job.Sequence != sequence)
        {
            return Unchanged;
        }

        var dropped = Drop();
        if (PlcFed)
        {
            var stop = State == PackMlState.Execute ? PackMlCommand.Complete : (PackMlCommand?)null;
            return dropped with { Withdrawn = job, PlcWrites = [new PlcWrite(job.Id, "taking the job back", PlcJobAction.Clear, stop)] };
        }

        // It makes nothing more for a job taken back.
        return State == PackMlState.Execute
            ? dropped with { Unit = dropped.Unit.EnterState(PackMlStateMachine.Apply(State, PackMlCommand.Complete).Target, now), Withdrawn = job }
            : dropped with { Withdrawn = job };
    }

    /// <summary>
    /// Records the outcome of a PLC write for its job (a write for a job it no longer holds is forgotten); significant when
    /// the error shown changed.
    /// </summary>
    public MachineStep RecordPlcWrite(string jobId, string what, string? error)
    {
        if (Job?.Id != jobId)
        {
            return Unchanged;
        }

        var text = error is null ? null : $"{what}: {error}";
        return text == PlcError ? Unchanged : new MachineStep(this with { PlcError = text }) { Significant = true };
    }

    /// <summary>No PLC feeds it any more: the API drives it again, and its data is no longer a PLC's.</summary>
    public MachineUnit Unplugged(DateTimeOffset now) =>
        this with { HasPlc = false, Source = null, Quality = DataQuality.Good, QualityReason = null, QualitySince = now };

    /// <summary>
    /// Applies what the machine shows at <paramref name="now"/> to its job: starts, counts, completes or interrupts it.
    /// Significant when the job changed in a way worth saving (its phase, its run, its mismatch, or it was dropped).
    /// </summary>
    public MachineStep Advance(DateTimeOffset now)
    {
        if (Job is not { } job)
        {
            return Unchanged;
        }

        var seen = new JobObservation(State, StateSince, UnavailableReason(now), GoodReading, ScrapReading, PlcJobId, PlcJobComplete, now)
        {
            PlcJobGood = PlcJobGood is { } plcGood && PlcJobGoodOf is { } of && of == PlcJobId ? plcGood : null,
            PlcCountsJobs = PlcJobGood is not null,
        };
        var step = JobExecution.Observe(job, seen);
        var reports = step.Reports.Select(r => new WorkOrderReport(job.WorkOrderId, job.Sequence, r)).ToImmutableArray();
        if (step.Job is not { } next)
        {
            // Interrupted: the machine holds nothing now; its PLC is told to forget the job.
            var dropped = Drop();
            ImmutableArray<PlcWrite> clear = PlcFed && PlcJobId is { Length: > 0 }
                ? [new PlcWrite(job.Id, "clearing the interrupted job", PlcJobAction.Clear, null)]
                : [];
            return dropped with { Significant = true, Reports = reports, PlcWrites = clear };
        }

        return new MachineStep(this with { Job = next })
        {
            Significant = next.Phase != job.Phase || next.RunEnded != job.RunEnded || step.MismatchChanged,
            Reports = reports,
            Freed = next.IsFinished && !job.IsFinished,
        };
    }

    private MachineStep Unchanged => new(this);

    private MachineStep Refused(Refusal refusal) => new(this) { Refusal = refusal };

    /// <summary>The one rule for a command: a PackML command at all, not the PLC's to give (when applied), legal in the state.</summary>
    private Refusal? Decide(PackMlCommand command, bool applying)
    {
        if (!Enum.IsDefined(command))
        {
            return Refusal.Invalid($"'{command}' is not a PackML command");
        }

        if (applying && HasPlc)
        {
            // The PLC owns the state: the command is written to it, and the state follows from its tags.
            return Refusal.Conflict($"machine {Id} is driven by PLC endpoint '{Source}'; write the command to the PLC");
        }

        var transition = PackMlStateMachine.Apply(State, command, HoldExtensions);
        return transition.Accepted ? null : Refusal.Conflict(transition.Refusal!);
    }

    private MachineStep Drop() =>
        new(this with { Job = null, CurrentWorkOrderId = null, CurrentOperation = null, PlcError = null }) { Significant = true, Freed = true, JobDropped = true };

    private MachineUnit EnterState(PackMlState next, DateTimeOffset at) => this with
    {
        State = next,
        StateSince = at,
        FaultReason = next switch
        {
            PackMlState.Aborting or PackMlState.Aborted => FaultReason ?? "aborted",
            // Clearing and resetting are how a fault is acknowledged; producing again means it is gone.
            PackMlState.Clearing or PackMlState.Resetting or PackMlState.Execute => null,
            _ => FaultReason,
        },
    };
}
