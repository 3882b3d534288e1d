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
}
