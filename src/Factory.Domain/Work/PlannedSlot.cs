namespace Factory.Domain.Work;

/// <summary>Where and when the plan puts one operation.</summary>
/// <param name="Status">The operation's status on the floor now.</param>
public sealed record PlannedSlot(string WorkOrderId, int Sequence, string MachineId, string? WorkerId, DateTimeOffset Start, DateTimeOffset End, OperationStatus Status);
