namespace Factory.Domain.Alarms;

/// <summary>What happened to an alarm.</summary>
public enum AlarmAction
{
    Activated = 1,
    Cleared = 2,
    Acknowledged = 3,
    Reset = 4,
    Shelved = 5,
    Unshelved = 6,
    ShelfExpired = 7,
    Suppressed = 8,
    Unsuppressed = 9,
    RemovedFromService = 10,
    ReturnedToService = 11,
}
