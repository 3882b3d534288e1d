namespace Factory.Domain.Work;

/// <summary>What a plan gives one operation of a work order: a machine, and a worker when the operation needs one.</summary>
/// <param name="Sequence">The operation's position in its work order.</param>
/// <param name="MachineId">The machine the plan runs it on.</param>
/// <param name="WorkerId">The worker the plan gives it; null (or empty) when it needs none.</param>
public sealed record PlanAssignment(int Sequence, string MachineId, string? WorkerId);
