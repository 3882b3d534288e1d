namespace Factory.Contracts.Views;

/// <summary>A production line's derived status and throughput.</summary>
/// <param name="ThroughputPerHour">
/// Good items per hour leaving the line over the last few minutes: the good count of its last stage
/// (<see cref="OutputMachineIds"/>, see <c>LineThroughput</c>), from the machines' counters.
/// </param>
/// <param name="OutputMachineIds">The machines whose good output is the line's (its last stage, parallel machines included).</param>
[GenerateSerializer, Immutable, Alias("factory.line-view")]
public sealed record LineView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableArray<string> MachineIds,
    [property: Id(4)] LineStatus Status,
    [property: Id(5)] double ThroughputPerHour,
    [property: Id(6)] int MachinesProducing,
    [property: Id(7)] int MachinesFailed,
    [property: Id(8)] long Version,
    [property: Id(9)] ImmutableArray<string> OutputMachineIds = default);
