namespace Factory.Contracts.Views;

/// <summary>Where and when one operation runs in a plan.</summary>
[GenerateSerializer, Immutable, Alias("factory.planned-operation-view")]
public sealed record PlannedOperationView(
    [property: Id(0)] string WorkOrderId,
    [property: Id(1)] int Sequence,
    [property: Id(2)] string MachineId,
    [property: Id(3)] string? WorkerId,
    [property: Id(4)] DateTimeOffset Start,
    [property: Id(5)] DateTimeOffset End,
    [property: Id(6)] bool Pinned);
