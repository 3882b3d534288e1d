namespace Factory.Contracts.Views;

/// <summary>An OPC UA endpoint connection as operators see it.</summary>
/// <param name="State">Connecting, Connected, Reconnecting, Disconnected.</param>
/// <param name="MachineIds">Machines fed by this endpoint.</param>
/// <param name="TagUpdates">Tag values received since start.</param>
/// <param name="BehindBySeconds">How far behind the plant the newest applied data was: from the oldest SourceTimestamp of the
/// last batch to the moment the machines had it (null before data). Near the publishing interval when keeping up.</param>
/// <param name="Queued">Values received and not yet applied, when the last batch was taken: above 0, ingest is behind.</param>
/// <param name="Coalesced">Values dropped since start because a newer value of the same tag was already waiting (only
/// while behind, and never a state, mode, alarm or job value).</param>
[GenerateSerializer, Immutable, Alias("factory.connection-view")]
public sealed record ConnectionView(
    [property: Id(0)] string EndpointId,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Url,
    [property: Id(3)] string State,
    [property: Id(4)] DateTimeOffset Since,
    [property: Id(5)] string? LastError,
    [property: Id(6)] ImmutableArray<string> MachineIds,
    [property: Id(7)] long TagUpdates,
    [property: Id(8)] DateTimeOffset? LastDataAt,
    [property: Id(9)] int Reconnects,
    [property: Id(10)] long Version,
    [property: Id(11)] double? BehindBySeconds = null,
    [property: Id(12)] int Queued = 0,
    [property: Id(13)] long Coalesced = 0);
