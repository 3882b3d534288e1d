namespace Factory.Domain.Plant.Definition;

/// <summary>A site's <c>costs</c> section of the plant file: one currency, rates and budgets.</summary>
public sealed class SiteCostsEntry
{
    /// <summary>ISO 4217 code of every amount of the site.</summary>
    public string Currency { get; set; } = "EUR";

    /// <summary>Machine id → hourly rates.</summary>
    public Dictionary<string, MachineRateEntry> Machines { get; set; } = [];

    public LabourRatesEntry Labour { get; set; } = new();

    /// <summary>Product name (as in the work orders) → per-unit costs.</summary>
    public Dictionary<string, ProductCostEntry> Products { get; set; } = [];

    public CostBudgetsEntry Budgets { get; set; } = new();
}
