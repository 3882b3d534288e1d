using Factory.Domain.PackMl;

namespace Factory.Domain.Plant.Definition;

/// <summary>One machine of the plant definition file.</summary>
public sealed class MachineDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<string> Capabilities { get; set; } = [];

    /// <summary>The ideal cycle time the host gives a machine whose entry names none.</summary>
    public const double DefaultIdealCycleTimeSeconds = 1;

    /// <summary>
    /// Ideal cycle time per item in seconds (ISO 22400 PRI); must be positive. The host takes
    /// <see cref="DefaultIdealCycleTimeSeconds"/> when absent; the simulator needs it, to know how fast to produce.
    /// </summary>
    public double? IdealCycleTimeSeconds { get; set; }

    /// <summary>Whether the machine supports PackML's optional Hold extensions.</summary>
    public bool HoldExtensions { get; set; }

    /// <summary>
    /// The PackML state name the machine starts in: for the host a machine without a PLC, the first time it is
    /// defined (Idle when absent); for the simulator its simulated PLC (Execute when absent). Kept as text so that
    /// an unknown name is reported with the machine's other problems (see <see cref="PlantDefinitionReader.Check"/>).
    /// </summary>
    public string? InitialState { get; set; }

    /// <summary>The state named by <see cref="InitialState"/>, or <paramref name="absent"/> when it names none.</summary>
    /// <exception cref="PlantDefinitionException">The name is not a PackML state (a checked definition has none such).</exception>
    public PackMlState InitialStateOr(PackMlState absent) =>
        InitialState is null ? absent
        : PlantDefinitionReader.TryParseState(InitialState, out var state) ? state
        : throw new PlantDefinitionException($"machine '{Id}' has an unknown initialState '{InitialState}'");

    /// <summary>The PLC that feeds the machine; absent for a machine driven through the API.</summary>
    public MachineSourceEntry? Source { get; set; }

    /// <summary>E-stop and guard tags: a non-zero value is a safety stop.</summary>
    public List<SafetyTagEntry> SafetyTags { get; set; } = [];

    /// <summary>The tag whose value is the PLC's downtime reason number (mapped through the reason tree's plcCode).</summary>
    public string ReasonTag { get; set; } = "reason";
}
