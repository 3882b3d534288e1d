namespace Factory.Scheduling.Plans;

/// <summary>A complete schedule: one entry per operation.</summary>
/// <param name="Operations">Scheduled operations, in any order.</param>
public sealed record SchedulePlan(IReadOnlyList<ScheduledOperation> Operations)
{
    /// <summary>The maintenance tasks placed, with their chosen slot and worker (empty when the problem has none).</summary>
    public IReadOnlyList<ScheduledMaintenance> Maintenance { get; init; } = [];

    /// <summary>The maintenance tasks that could not be placed, each with the reason.</summary>
    public IReadOnlyList<UnplannedMaintenance> UnplannedMaintenance { get; init; } = [];

    /// <summary>Latest end over all operations (0 for an empty plan).</summary>
    public long Makespan => Operations.Count == 0 ? 0 : Operations.Max(o => o.End);

    /// <summary>The entries keyed by operation id (the first entry wins if an id repeats).</summary>
    public IReadOnlyDictionary<string, ScheduledOperation> ByOperation()
    {
        var map = new Dictionary<string, ScheduledOperation>(Operations.Count, StringComparer.Ordinal);
        foreach (var op in Operations)
        {
            map.TryAdd(op.OperationId, op);
        }

        return map;
    }
}
