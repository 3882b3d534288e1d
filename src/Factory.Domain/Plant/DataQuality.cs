namespace Factory.Domain.Plant;

/// <summary>
/// How far a machine's data can be trusted. Disconnected and Stale are never shown as a machine state:
/// an operator must see that the picture is old, not that the machine stopped.
/// </summary>
public enum DataQuality
{
    /// <summary>Fresh values with Good OPC UA status (or a machine with no PLC, driven through the API).</summary>
    Good = 0,
    Uncertain = 1,
    Bad = 2,

    /// <summary>The endpoint cannot be reached.</summary>
    Disconnected = 3,

    /// <summary>Connected, but no data within the configured bound.</summary>
    Stale = 4,
}
