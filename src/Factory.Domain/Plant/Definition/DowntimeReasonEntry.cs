using Factory.Domain.Oee;

namespace Factory.Domain.Plant.Definition;

/// <summary>One node of a site's downtime reason tree; <see cref="PlcCode"/> maps a PLC reason tag value to it.</summary>
public sealed class DowntimeReasonEntry
{
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Parent { get; set; }

    public DowntimeCategory Category { get; set; } = DowntimeCategory.Unplanned;

    public int? PlcCode { get; set; }
}
