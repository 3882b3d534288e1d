namespace Factory.Domain.Work;

/// <summary>Who does an operation and where.</summary>
/// <param name="Pinned">A manager pinned it: the optimizer keeps it.</param>
/// <param name="ManagerAssignedAt">When a manager chose it (null when the plan did): plans computed before this never overwrite it.</param>
public sealed record Assignment(string MachineId, string WorkerId, bool Pinned = false, DateTimeOffset? ManagerAssignedAt = null);
