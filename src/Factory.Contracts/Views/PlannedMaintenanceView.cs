namespace Factory.Contracts.Views;

/// <summary>Where a plan placed a due maintenance order: its machine is down in [Start, End), with its worker if it needs one.</summary>
[GenerateSerializer, Immutable, Alias("factory.planned-maintenance-view")]
public sealed record PlannedMaintenanceView(
    [property: Id(0)] string OrderId,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string? WorkerId,
    [property: Id(3)] DateTimeOffset Start,
    [property: Id(4)] DateTimeOffset End);
