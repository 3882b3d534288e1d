namespace Factory.Domain.Costs;

/// <summary>Hourly labour rates: a worker's own rate wins over their operation's skill, which wins over the default.</summary>
/// <param name="PerWorker">Worker id → hourly rate.</param>
/// <param name="PerSkill">Skill name → hourly rate of anyone doing work that needs it.</param>
/// <param name="DefaultPerHour">Rate of a worker with neither.</param>
public sealed record LabourRates(
    ImmutableDictionary<string, decimal> PerWorker,
    ImmutableDictionary<string, decimal> PerSkill,
    decimal DefaultPerHour)
{
    /// <summary>No labour rates at all: labour costs nothing.</summary>
    public static LabourRates None { get; } = new(
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        ImmutableDictionary<string, decimal>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase),
        0m);

    /// <summary>The hourly rate of <paramref name="workerId"/> doing work that needs <paramref name="skill"/>.</summary>
    public decimal RateFor(string workerId, string? skill) =>
        PerWorker.TryGetValue(workerId, out var own) ? own
        : skill is not null && PerSkill.TryGetValue(skill, out var bySkill) ? bySkill
        : DefaultPerHour;
}
