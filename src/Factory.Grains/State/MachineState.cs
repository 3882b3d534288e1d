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

    public string? FaultReason { get; set; }

    public TelemetryView Telemetry { get; set; } = TelemetryView.Empty;

    public string? CurrentWorkOrderId { get; set; }

    public int? CurrentOperation { get; set; }

    /// <summary>True once a PLC feeds this machine: it then completes acting states, not the grain.</summary>
    public bool HasPlc { get; set; }

    /// <summary>The endpoint feeding the machine, when it has a PLC.</summary>
    public string? Source { get; set; }

    public long Version { get; set; }
}
