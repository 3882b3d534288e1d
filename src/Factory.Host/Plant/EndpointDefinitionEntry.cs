namespace Factory.Host.Plant;

/// <summary>An OPC UA endpoint of a site in the plant definition file.</summary>
public sealed class EndpointDefinitionEntry
{
    public string Id { get; set; } = "";

    /// <summary><c>opc.tcp://host:port[/path]</c>. <c>{simulator}</c> stands for the built-in simulator's endpoint.</summary>
    public string Url { get; set; } = "";

    public string? User { get; set; }

    public string? Password { get; set; }

    public double PublishingIntervalMs { get; set; } = 100;

    public double SamplingIntervalMs { get; set; } = 50;

    /// <summary>A machine whose tags send nothing for this long is Stale.</summary>
    public double StaleAfterSeconds { get; set; } = 10;

    /// <summary>How long a dead connection may go unnoticed.</summary>
    public double DeadConnectionTimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// The tag map of machines on this endpoint that give none of their own: every <c>{machine}</c> in it stands for
    /// the machine's id (PLCs that name their tags consistently need one map, not one per machine).
    /// </summary>
    public TagMapEntry? TagTemplate { get; set; }
}
