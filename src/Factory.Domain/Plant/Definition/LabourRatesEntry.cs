namespace Factory.Domain.Plant.Definition;

/// <summary>Labour rates in the plant file's <c>costs.labour</c>: a worker's own rate, else their operation's skill, else the default.</summary>
public sealed class LabourRatesEntry
{
    public decimal DefaultPerHour { get; set; }

    /// <summary>Skill name → hourly rate.</summary>
    public Dictionary<string, decimal> PerSkill { get; set; } = [];

    /// <summary>Worker id → hourly rate.</summary>
    public Dictionary<string, decimal> PerWorker { get; set; } = [];
}
