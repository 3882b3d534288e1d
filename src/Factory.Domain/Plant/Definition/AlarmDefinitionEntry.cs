using Factory.Domain.Alarms;

namespace Factory.Domain.Plant.Definition;

/// <summary>An alarm on a machine tag: High/Low with a limit and deadband, or a PLC alarm Bit.</summary>
public sealed class AlarmDefinitionEntry
{
    public string Id { get; set; } = "";

    public string MachineId { get; set; } = "";

    /// <summary>Operator area; the machine's line when empty.</summary>
    public string Area { get; set; } = "";

    public string Tag { get; set; } = "";

    public AlarmConditionKind Condition { get; set; } = AlarmConditionKind.Bit;

    public double Limit { get; set; }

    public double Deadband { get; set; }

    public AlarmPriority Priority { get; set; } = AlarmPriority.Medium;

    public bool Latched { get; set; }

    public string Message { get; set; } = "";

    /// <summary>Longest shelving allowed in minutes (default 480).</summary>
    public double? MaxShelveMinutes { get; set; }
}
