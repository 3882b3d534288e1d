namespace Factory.Domain.Plant;

/// <summary>What a machine is and can do; its live state lives elsewhere.</summary>
/// <param name="Capabilities">The kinds of operation it can perform (e.g. "cut", "weld").</param>
/// <param name="IdealCycleTime">Planned run time per item (ISO 22400 PRI) for its standard product.</param>
/// <param name="HoldExtensions">Whether it supports PackML's optional Hold extensions.</param>
public sealed record MachineDefinition(
    string Id,
    string SiteId,
    string LineId,
    string Name,
    ImmutableArray<string> Capabilities,
    TimeSpan IdealCycleTime,
    bool HoldExtensions = false)
{
    public bool Can(string capability) => Capabilities.Contains(capability, StringComparer.OrdinalIgnoreCase);
}
