namespace Factory.Contracts.Specs;

/// <summary>One operation of a new work order.</summary>
[GenerateSerializer, Immutable, Alias("factory.operation-spec")]
public sealed record OperationSpec(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Name,
    [property: Id(2)] string Capability,
    [property: Id(3)] string? Skill,
    [property: Id(4)] int MinSkillLevel,
    [property: Id(5)] double StandardDurationSeconds,
    [property: Id(6)] ImmutableArray<string> AllowedMachines,
    [property: Id(7)] string? Program = null,
    [property: Id(8)] string? Instructions = null,
    [property: Id(9)] string? InstructionsUrl = null);
