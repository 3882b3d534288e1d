using Factory.Domain.Maintenance;

namespace Factory.Grains.State;

/// <summary>What a site's maintenance grain persists (JSON).</summary>
public sealed class MaintenanceState
{
    public List<MaintenanceOrder> Orders { get; set; } = [];

    public List<MaintenancePlan> Plans { get; set; } = [];

    public long Version { get; set; }
}
