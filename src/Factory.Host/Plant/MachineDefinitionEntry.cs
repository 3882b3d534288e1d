namespace Factory.Host.Plant;

/// <summary>One machine of the plant definition file.</summary>
public sealed class MachineDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Capabilities { get; set; } = [];

    /// <summary>Ideal cycle time per item in seconds (ISO 22400 PRI).</summary>
    public double IdealCycleTimeSeconds { get; set; } = 1;

    /// <summary>Whether the machine supports PackML's optional Hold extensions.</summary>
    public bool HoldExtensions { get; set; }

    /// <summary>PackML state a machine without a PLC starts in, the first time it is defined.</summary>
    public PackMlState InitialState { get; set; } = PackMlState.Idle;

    /// <summary>The PLC that feeds the machine; absent for a machine driven through the API.</summary>
    public MachineSourceEntry? Source { get; set; }
    /// <summary>E-stop and guard tags: a non-zero value is a safety stop.</summary>
    public List<SafetyTagEntry> SafetyTags { get; set; } = [];

    /// <summary>The tag whose value is the PLC's downtime reason number (mapped through the reason tree's plcCode).</summary>
    public string ReasonTag { get; set; } = "reason";
}
