namespace Factory.Domain.PackMl;

/// <summary>
/// PackML machine states (ANSI/ISA-TR88.00.02), numbered as PackTags <c>StateCurrent</c>.
/// Sources that number states differently are translated through a per-source table, never by cast.
/// </summary>
public enum PackMlState
{
    Undefined = 0,
    Clearing = 1,
    Stopped = 2,
    Starting = 3,
    Idle = 4,
    Suspended = 5,
    Execute = 6,
    Stopping = 7,
    Aborting = 8,
    Aborted = 9,
    Holding = 10,
    Held = 11,
    Unholding = 12,
    Suspending = 13,
    Unsuspending = 14,
    Resetting = 15,
    Completing = 16,
    Complete = 17,
}
