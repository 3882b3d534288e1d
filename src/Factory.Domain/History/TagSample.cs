namespace Factory.Domain.History;

/// <summary>One value of one machine's tag at the time its source stamped it.</summary>
/// <param name="MachineId">The machine the tag belongs to.</param>
/// <param name="Tag">The tag's name in the machine's tag map (e.g. <c>speed</c>, <c>spindle</c>).</param>
/// <param name="At">The source timestamp (OPC UA SourceTimestamp, or the caller's time for backfill).</param>
/// <param name="Value">The value as a finite number (flags are 0 and 1).</param>
public sealed record TagSample(string MachineId, string Tag, DateTimeOffset At, double Value);
