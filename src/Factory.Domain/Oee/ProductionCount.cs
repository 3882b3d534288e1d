namespace Factory.Domain.Oee;

/// <summary>
/// Output a machine reported at <paramref name="At"/>, as increments. Produced (PQ) = Good + Scrap + Rework:
/// rework is not first-pass good, so it lowers the quality ratio.
/// </summary>
/// <param name="IdealCycleTime">Planned run time per item (PRI) of this product on this machine.</param>
public sealed record ProductionCount(
    string MachineId,
    DateTimeOffset At,
    long Good,
    long Scrap,
    long Rework,
    TimeSpan IdealCycleTime,
    string? WorkOrderId = null,
    string? Product = null)
{
    /// <summary>PQ: everything made, good or not.</summary>
    public long Produced => Good + Scrap + Rework;

    /// <summary>Every problem with the count; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(MachineId))
        {
            problems.Add("a count needs a machine id");
        }

        if (Good < 0 || Scrap < 0 || Rework < 0)
        {
            problems.Add("counts are increments and cannot be negative");
        }

        // Implausible increments are refused so one bad PLC value cannot swamp a day of figures.
        if (Good > 1_000_000_000 || Scrap > 1_000_000_000 || Rework > 1_000_000_000)
        {
            problems.Add("a single count increment above one billion is refused as implausible");
        }

        if (IdealCycleTime <= TimeSpan.Zero || IdealCycleTime > TimeSpan.FromDays(1))
        {
            problems.Add("the ideal cycle time (PRI) must be positive and at most one day");
        }

        return problems;
    }
}
