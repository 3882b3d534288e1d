namespace Factory.Host.Hosting;

/// <summary>
/// While the host stops, Orleans deactivates grains that are still talking to each other, and the messages between
/// them fail ("silo is shutting down", placement retries). Those are the expected end of a normal shutdown, not
/// faults, so the categories that report them log only critical entries from the moment the host begins to stop.
/// At other times these categories log warnings and above.
/// </summary>
public sealed class ShutdownQuiet
{
    /// <summary>Where Orleans reports messages that fail while it shuts down (and Polly, which retries placement).</summary>
    public static readonly IReadOnlyList<string> Categories = ["Orleans.Messaging", "Orleans.Grain", "Orleans.Runtime.Placement", "Polly"];

    private volatile bool _stopping;

    /// <summary>The host began to stop.</summary>
    public void Stopping() => _stopping = true;

    /// <summary>The log filter of <see cref="Categories"/>.</summary>
    public bool Allows(LogLevel level) => level >= (_stopping ? LogLevel.Critical : LogLevel.Warning);
}
