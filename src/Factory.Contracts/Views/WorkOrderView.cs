namespace Factory.Contracts.Views;

/// <summary>A work order as screens and the API show it.</summary>
[GenerateSerializer, Immutable, Alias("factory.work-order-view")]
public sealed record WorkOrderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Product,
    [property: Id(3)] int Quantity,
    [property: Id(4)] DateTimeOffset DueDate,
    [property: Id(5)] int Priority,
    [property: Id(6)] ImmutableArray<OperationView> Operations,
    [property: Id(7)] bool Done,
    [property: Id(8)] long Version);
