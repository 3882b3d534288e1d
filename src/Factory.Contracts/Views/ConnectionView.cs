namespace Factory.Contracts.Views;

/// <summary>An OPC UA endpoint connection as operators see it.</summary>
/// <param name="State">Connecting, Connected, Reconnecting, Disconnected.</param>
/// <param name="MachineIds">Machines fed by this endpoint.</param>
/// <param name="TagUpdates">Tag values received since start.</param>
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
    [property: Id(10)] long Version);
