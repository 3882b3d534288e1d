namespace Factory.Domain.Alarms;

/// <summary>ISA-18.2 alarm priority: how quickly an operator must respond.</summary>
public enum AlarmPriority
{
    Low = 1,
    Medium = 2,
    High = 3,
    Urgent = 4,
}
