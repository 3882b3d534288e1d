namespace Factory.Grains.State;

/// <summary>What a machine grain persists. Plain settable properties: it is stored as JSON.</summary>
public sealed class MachineState
{
    public MachineSpec? Spec { get; set; }

    public PackMlState State { get; set; }

    public DateTimeOffset StateSince { get; set; }

    public UnitMode Mode { get; set; } = UnitMode.Production;

    public DataQuality Quality { get; set; } = DataQuality.Good;

    public DateTimeOffset QualitySince { get; set; }

    /// <summary>Why the data is not Good (a state value the table does not know, no data for a while...), or null.</summary>
    public string? QualityReason { get; set; }

    public string? FaultReason { get; set; }

    public TelemetryView Telemetry { get; set; } = TelemetryView.Empty;

    public string? CurrentWorkOrderId { get; set; }

    public int? CurrentOperation { get; set; }

    /// <summary>True once a PLC feeds this machine: it then completes acting states, not the grain.</summary>
    public bool HasPlc { get; set; }

    /// <summary>The endpoint feeding the machine, when it has a PLC.</summary>
    public string? Source { get; set; }

    /// <summary>The job it holds (released, running, or finished until the next one).</summary>
    public MachineJob? Job { get; set; }

    /// <summary>The job the PLC last said it runs ("" for none); null when its tag map reads no job id.</summary>
    public string? PlcJobId { get; set; }

    /// <summary>The PLC's last job-complete flag; null when its tag map reads none.</summary>
    public bool? PlcJobComplete { get; set; }

    /// <summary>The PLC's last count of good parts for its job; null when its tag map reads none.</summary>
    public long? PlcJobGood { get; set; }

    /// <summary>
    /// The job the PLC reported when <see cref="PlcJobGood"/> was read: a count that arrives before the PLC reports the new
    /// job still belongs to the one before.
    /// </summary>
    public string? PlcJobGoodOf { get; set; }

    /// <summary>Why the last PLC write for the job failed, or null.</summary>
    public string? PlcError { get; set; }

    /// <summary>The standard time per part of the job's operation, for its ETA until the run shows its own rate.</summary>
    public double JobStandardSecondsPerPart { get; set; }

    public long Version { get; set; }

    /// <summary>
    /// The machine's live facts, for its rules (<see cref="MachineUnit"/>); only for a defined machine. Counters count as
    /// read only once the PLC reported them.
    /// </summary>
    public MachineUnit ToUnit(TimeSpan gracePeriod)
    {
        var spec = Spec ?? throw new InvalidOperationException("a machine that was never defined has no live facts");
        var counters = Telemetry.CountersAt is not null;
        return new MachineUnit(spec.Id, State, StateSince)
        {
            HoldExtensions = spec.HoldExtensions,
            PlcConfigured = spec.Source is not null,
            PlcReported = Telemetry.SourceTimestamp is not null,
            GoodReading = counters ? Telemetry.GoodCount : null,
            ScrapReading = counters ? Telemetry.ScrapCount : null,
            GracePeriod = gracePeriod,
            Mode = Mode, Quality = Quality, QualitySince = QualitySince, QualityReason = QualityReason, FaultReason = FaultReason,
            HasPlc = HasPlc, Source = Source, Job = Job, JobStandardSecondsPerPart = JobStandardSecondsPerPart,
            CurrentWorkOrderId = CurrentWorkOrderId, CurrentOperation = CurrentOperation, PlcError = PlcError,
            PlcJobId = PlcJobId, PlcJobComplete = PlcJobComplete, PlcJobGood = PlcJobGood, PlcJobGoodOf = PlcJobGoodOf,
        };
    }

    /// <summary>Takes the machine's live facts back after one of its rules ran (definition, telemetry and version stay).</summary>
    public void Keep(MachineUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        (State, StateSince, Mode, Quality, QualitySince, QualityReason, FaultReason) =
            (unit.State, unit.StateSince, unit.Mode, unit.Quality, unit.QualitySince, unit.QualityReason, unit.FaultReason);
        (HasPlc, Source, Job, JobStandardSecondsPerPart, CurrentWorkOrderId, CurrentOperation, PlcError) =
            (unit.HasPlc, unit.Source, unit.Job, unit.JobStandardSecondsPerPart, unit.CurrentWorkOrderId, unit.CurrentOperation, unit.PlcError);
        (PlcJobId, PlcJobComplete, PlcJobGood, PlcJobGoodOf) = (unit.PlcJobId, unit.PlcJobComplete, unit.PlcJobGood, unit.PlcJobGoodOf);
    }
}
