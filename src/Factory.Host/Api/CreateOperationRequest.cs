namespace Factory.Host.Api;

/// <summary>One operation in <see cref="CreateWorkOrderRequest"/>.</summary>
public sealed record CreateOperationRequest(
    int Sequence,
    string? Name,
    string? Capability,
    string? Skill,
    int MinSkillLevel,
    double StandardDurationSeconds,
    IReadOnlyList<string>? AllowedMachines,
    string? Program = null,
    string? Instructions = null,
    string? InstructionsUrl = null);
