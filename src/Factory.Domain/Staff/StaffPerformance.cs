using Factory.Domain.Oee;

namespace Factory.Domain.Staff;

/// <summary>Time and output per worker against standard.</summary>
public static class StaffPerformance
{
    /// <summary>
    /// One row per worker for the operations they finished inside <paramref name="window"/> (an operation
    /// counts whole in the window it ended in, so windows add up), ordered by worker id.
    /// </summary>
    public static IReadOnlyList<WorkerPerformance> ForWorkers(IEnumerable<OperationRecord> records, TimeRange window)
    {
        ArgumentNullException.ThrowIfNull(records);
        return records
            .Where(r => r is not null && !string.IsNullOrWhiteSpace(r.WorkerId) && window.Contains(r.End))
            .GroupBy(r => r.WorkerId, StringComparer.OrdinalIgnoreCase)
            .Select(g => new WorkerPerformance(
                g.Key,
                g.Count(),
                g.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Actual),
                g.Aggregate(TimeSpan.Zero, (sum, r) => sum + (r.StandardDuration > TimeSpan.Zero ? r.StandardDuration : TimeSpan.Zero)),
                g.Sum(r => Math.Max(0, r.Good)),
                g.Sum(r => Math.Max(0, r.Scrap))))
            .OrderBy(p => p.WorkerId, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
