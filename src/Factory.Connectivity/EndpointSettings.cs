using Factory.OpcUa.Services;

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

    /// <summary>The SecurityPolicy, e.g. "Basic256Sha256", "Aes256_Sha256_RsaPss" or "None".</summary>
    public string SecurityPolicy { get; init; } = "None";

    /// <summary>Sign or SignAndEncrypt with a secured policy; None with policy None.</summary>
    public MessageSecurityMode SecurityMode { get; init; } = MessageSecurityMode.None;

    /// <summary>The application certificate and trust list; required for every policy but None.</summary>
    public OpcUaSecurity? Security { get; init; }
}
