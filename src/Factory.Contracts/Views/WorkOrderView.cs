namespace Factory.Contracts.Views;

/// <summary>A work order as screens and the API show it.</summary>
/// <param name="Done">Completed or cancelled: nothing of it is planned or released any more.</param>
/// <param name="Status">Open, InProgress, Completed or Cancelled.</param>
/// <param name="Good">Good parts of its last operation: how much of the order is finished.</param>
/// <param name="Eta">When its last operation will be done, from the live progress and standard times; null when closed.</param>
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
    [property: Id(8)] long Version,
    [property: Id(9)] WorkOrderStatus Status = WorkOrderStatus.Open,
    [property: Id(10)] long Good = 0,
    [property: Id(11)] DateTimeOffset? CompletedAt = null,
    [property: Id(12)] DateTimeOffset? CancelledAt = null,
    [property: Id(13)] DateTimeOffset? Eta = null);
