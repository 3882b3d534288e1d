namespace Factory.Domain.Alarms;

/// <summary>ISA-18.2 alarm states.</summary>
public enum AlarmState
{
    /// <summary>Condition clear, nothing to do.</summary>
    Normal = 0,

    /// <summary>Condition active, not yet acknowledged.</summary>
    Unacknowledged = 1,

    /// <summary>Condition active, acknowledged.</summary>
    Acknowledged = 2,

    /// <summary>Condition cleared before anyone acknowledged it.</summary>
    ReturnedUnacknowledged = 3,

    /// <summary>A latched alarm whose condition cleared and was acknowledged: it waits for a reset.</summary>
    Latched = 4,

    /// <summary>Temporarily hidden by an operator, with a reason, until a time limit.</summary>
    Shelved = 5,

    /// <summary>Suppressed by design (e.g. the machine is in a state where the alarm is meaningless).</summary>
    Suppressed = 6,

    /// <summary>Removed from service (e.g. for instrument repair).</summary>
    OutOfService = 7,
}
