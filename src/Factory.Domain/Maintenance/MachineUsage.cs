using Factory.Domain.Oee;
using Factory.Domain.PackMl;

namespace Factory.Domain.Maintenance;

/// <summary>How much a machine was used in a window: time in Execute and parts counted (one per PLC cycle).</summary>
public sealed record MachineUsage(TimeSpan RunTime, long Cycles)
{
    public static readonly MachineUsage None = new(TimeSpan.Zero, 0);

    /// <summary>
    /// The usage within <paramref name="window"/> from the machine log's intervals and counts: Execute time clipped to the
    /// window, and every count (good, scrap, rework) stamped inside it.
    /// </summary>
    public static MachineUsage Measure(IEnumerable<StateInterval> intervals, IEnumerable<ProductionCount> counts, TimeRange window)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        ArgumentNullException.ThrowIfNull(counts);
        var run = intervals
            .Where(i => i.State == PackMlState.Execute)
            .Select(i => i.Range.Intersect(window))
            .Aggregate(TimeSpan.Zero, (sum, overlap) => overlap is { } o ? sum + o.Duration : sum);
        var cycles = counts.Where(c => window.Contains(c.At)).Sum(c => c.Produced);
        return new MachineUsage(run, cycles);
    }
}
