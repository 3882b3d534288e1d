using Factory.Contracts.Production;

namespace Factory.Grains.State;

/// <summary>What an incident register persists (JSON).</summary>
public sealed class IncidentLogState
{
    public List<IncidentView> Incidents { get; set; } = [];

    public long Version { get; set; }
}
