namespace Factory.OpcUa.Client;

/// <summary>The deadband of a data-change filter (Part 4 §7.22.2).</summary>
public enum Deadband : uint
{
    None = 0,

    /// <summary>Report only changes larger than the deadband value, in engineering units.</summary>
    Absolute = 1,

    /// <summary>Report only changes larger than this percentage of the item's EURange.</summary>
    Percent = 2,
}
