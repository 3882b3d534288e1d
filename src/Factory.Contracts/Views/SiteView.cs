namespace Factory.Contracts.Views;

/// <summary>A site and the ids of what it holds.</summary>
[GenerateSerializer, Immutable, Alias("factory.site-view")]
public sealed record SiteView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] ImmutableArray<string> LineIds,
    [property: Id(4)] ImmutableArray<string> MachineIds,
    [property: Id(5)] ImmutableArray<string> WorkerIds,
    [property: Id(6)] ImmutableArray<string> WorkOrderIds,
    [property: Id(7)] long Version,
    [property: Id(8)] DateTimeOffset? ObservedSince = null);
