namespace Factory.Contracts.Views;

/// <summary>One operation of a work order, with its assignment and how far the floor has got with it.</summary>
/// <param name="MachineId">The machine it is assigned to (the plan's or a manager's choice; the machine of its open run once released).</param>
/// <param name="Good">Good parts made over all runs (of the order's quantity).</param>
/// <param name="Eta">When it will be done: from its run's rate once it made parts, else from the standard time; null when finished.</param>
/// <param name="Runs">Its runs on machines, oldest first.</param>
/// <param name="ManagerAssignedAt">When a manager chose its machine (null when the plan did): re-plans keep it there while that
/// machine is available.</param>
/// <param name="Instructions">The work instructions shown at the station; null for none.</param>
/// <param name="InstructionsUrl">A link to the full work instructions; null for none.</param>
/// <param name="NotBefore">The earliest start a manager gave it (a Gantt bar dragged to a later time); null for as soon as possible.</param>
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
    [property: Id(10)] OperationStatus Status,
    [property: Id(11)] long Good = 0,
    [property: Id(12)] long Scrap = 0,
    [property: Id(13)] DateTimeOffset? ReadyAt = null,
    [property: Id(14)] DateTimeOffset? StartedAt = null,
    [property: Id(15)] DateTimeOffset? EndedAt = null,
    [property: Id(16)] DateTimeOffset? Eta = null,
    [property: Id(17)] string? Note = null,
    [property: Id(18)] string? Program = null,
    [property: Id(19)] ImmutableArray<OperationRunView> Runs = default,
    [property: Id(20)] DateTimeOffset? ManagerAssignedAt = null,
    [property: Id(21)] string? Instructions = null,
    [property: Id(22)] string? InstructionsUrl = null,
    [property: Id(23)] DateTimeOffset? NotBefore = null);
