namespace Factory.Domain.Maintenance;

/// <summary>What a maintenance plan counts until it falls due.</summary>
public enum MaintenanceTrigger
{
    /// <summary>Hours the machine spent in Execute.</summary>
    RunHours = 1,

    /// <summary>Parts the machine counted (good, scrap and rework), one per PLC cycle.</summary>
    Cycles = 2,

    /// <summary>Calendar days, whether the machine ran or not.</summary>
    CalendarDays = 3,

    /// <summary>A tag past a limit for a time (<see cref="TagCondition"/>); the plan's interval is that time in minutes.</summary>
    Condition = 4,
}
