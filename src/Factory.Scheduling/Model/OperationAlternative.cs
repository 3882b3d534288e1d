namespace Factory.Scheduling.Model;

/// <summary>One machine an operation can run on, and how long it takes there.</summary>
/// <param name="MachineId">Id of a <see cref="Machine"/>.</param>
/// <param name="Duration">Processing time on that machine (non-negative).</param>
public sealed record OperationAlternative(string MachineId, long Duration);
