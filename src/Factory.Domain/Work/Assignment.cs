namespace Factory.Domain.Work;

/// <summary>Who does an operation and where.</summary>
/// <param name="Pinned">A manager pinned it: the optimizer keeps it.</param>
public sealed record Assignment(string MachineId, string WorkerId, bool Pinned = false);
