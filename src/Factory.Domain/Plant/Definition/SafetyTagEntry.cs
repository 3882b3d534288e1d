using Factory.Domain.Safety;

namespace Factory.Domain.Plant.Definition;

/// <summary>A machine tag whose non-zero value is a safety stop.</summary>
public sealed class SafetyTagEntry
{
    public string Tag { get; set; } = "";

    public SafetyStopKind Kind { get; set; } = SafetyStopKind.EmergencyStop;
}
