using Factory.Domain.Oee;

namespace Factory.Domain.Maintenance;

/// <summary>When a planned maintenance order takes its machine down: [<paramref name="Start"/>, <paramref name="End"/>).</summary>
public sealed record MaintenanceWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public TimeRange Range => new(Start, End);
}
