namespace Factory.Contracts.Views;

/// <summary>One operation of a work order, with its assignment.</summary>
[GenerateSerializer, Immutable, Alias("factory.operation-view")]
public sealed record OperationView(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Name,
    [property: Id(2)] string Capability,
    [property: Id(3)] string? Skill,
    [property: Id(4)] int MinSkillLevel,
    [property: Id(5)] double StandardDurationSeconds,
    [property: Id(6)] ImmutableArray<string> AllowedMachines,
    [property: Id(7)] string? MachineId,
    [property: Id(8)] string? WorkerId,
    [property: Id(9)] bool Pinned,
    [property: Id(10)] OperationStatus Status);
