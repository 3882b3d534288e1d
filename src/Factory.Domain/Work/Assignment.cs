namespace Factory.Domain.Work;

/// <summary>Who does an operation and where.</summary>
/// <param name="Pinned">A manager pinned it: the optimizer keeps it.</param>
/// <param name="ManagerAssignedAt">When a manager chose it (null when the plan did): plans computed before this never overwrite it.</param>
/// <param name="NotBefore">The earliest start a manager asked for (a Gantt bar dragged to a later time), kept while the manager's
/// machine holds; null for "as soon as possible". Absent in states stored before it existed, which read as null.</param>
public sealed record Assignment(
    string MachineId,
    string WorkerId,
    bool Pinned = false,
    DateTimeOffset? ManagerAssignedAt = null,
    DateTimeOffset? NotBefore = null);
