using Factory.Domain.Maintenance;

namespace Factory.Domain.Plant.Definition;

/// <summary>A maintenance plan of the plant definition file: every <see cref="Interval"/> run hours, cycles or days on a machine, or on a tag condition.</summary>
public sealed class MaintenancePlanEntry
{
    public string Id { get; set; } = "";

    public string MachineId { get; set; } = "";

    public string Title { get; set; } = "";

    public MaintenanceTrigger Trigger { get; set; } = MaintenanceTrigger.RunHours;

    public double Interval { get; set; }

    public List<string> Tasks { get; set; } = [];

    public string? Skill { get; set; }

    public double EstimatedSeconds { get; set; } = 3600;

    /// <summary>How long after it falls due its order is due.</summary>
    public double DueWithinSeconds { get; set; } = 86_400;

    /// <summary>A condition plan's tag (the interval is then the minutes it must be past <see cref="Limit"/>).</summary>
    public string? Tag { get; set; }

    public TagComparison? Comparison { get; set; }

    public double? Limit { get; set; }
}
