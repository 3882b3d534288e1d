namespace Factory.Connectivity;

/// <summary>One OPC UA endpoint (one session) and the machines it feeds.</summary>
/// <param name="StaleAfter">A machine with no new value for this long is Stale.</param>
public sealed record EndpointSettings(
    string Id,
    string SiteId,
    Uri Url,
    string? User,
    string? Password,
    TimeSpan PublishingInterval,
    TimeSpan SamplingInterval,
    TimeSpan StaleAfter,
    IReadOnlyList<MachineTagMap> Machines)
{
    /// <summary>How long a dead connection may go unnoticed (the client's keep-alive and request bound).</summary>
    public TimeSpan DeadConnectionTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
