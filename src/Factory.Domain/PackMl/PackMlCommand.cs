namespace Factory.Domain.PackMl;

/// <summary>PackML control commands, numbered as PackTags <c>CntrlCmd</c>.</summary>
public enum PackMlCommand
{
    Reset = 1,
    Start = 2,
    Stop = 3,
    Hold = 4,
    Unhold = 5,
    Suspend = 6,
    Unsuspend = 7,
    Abort = 8,
    Clear = 9,
    Complete = 10,
}
