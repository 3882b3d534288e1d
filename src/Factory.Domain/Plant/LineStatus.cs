namespace Factory.Domain.Plant;

/// <summary>A production line's status, derived from its machines.</summary>
public enum LineStatus
{
    /// <summary>No machine is producing and none has failed.</summary>
    Idle = 0,

    /// <summary>Every machine that should run is producing.</summary>
    Running = 1,

    /// <summary>Some machines produce while others failed, are starved or their data is not trustworthy.</summary>
    Degraded = 2,

    /// <summary>No machine produces and at least one has failed.</summary>
    Down = 3,
}
