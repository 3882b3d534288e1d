namespace Factory.Contracts.Views;

/// <summary>How a site's planned operations reach their machines.</summary>
public enum ReleaseMode
{
    /// <summary>The dispatcher releases a machine's next planned operation as soon as the machine is free and the operation ready.</summary>
    Automatic = 0,

    /// <summary>An operator or manager releases each operation (from the board or the operator station).</summary>
    Manual = 1,
}
