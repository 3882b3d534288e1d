namespace Factory.Domain.Alarms;

/// <summary>How a tag value is compared with an alarm limit.</summary>
public enum AlarmConditionKind
{
    /// <summary>Active when the value is above the limit; clears below limit − deadband.</summary>
    High = 1,

    /// <summary>Active when the value is below the limit; clears above limit + deadband.</summary>
    Low = 2,

    /// <summary>Active when a PLC alarm bit is set (value ≠ 0).</summary>
    Bit = 3,
}
