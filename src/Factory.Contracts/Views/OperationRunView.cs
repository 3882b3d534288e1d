namespace Factory.Contracts.Views;

/// <summary>One run of an operation on a machine: released, started, ended, and what it made.</summary>
[GenerateSerializer, Immutable, Alias("factory.operation-run-view")]
public sealed record OperationRunView(
    [property: Id(0)] string MachineId,
    [property: Id(1)] string? WorkerId,
    [property: Id(2)] DateTimeOffset ReleasedAt,
    [property: Id(3)] DateTimeOffset? StartedAt,
    [property: Id(4)] DateTimeOffset? EndedAt,
    [property: Id(5)] long Good,
    [property: Id(6)] long Scrap,
    [property: Id(7)] OperationStatus? Outcome,
    [property: Id(8)] string? Note);
