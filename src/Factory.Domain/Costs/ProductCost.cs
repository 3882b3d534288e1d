namespace Factory.Domain.Costs;

/// <summary>Per-unit money of a product that does not depend on time.</summary>
/// <param name="MaterialPerUnit">Material one unit takes; charged for every unit entering the routing.</param>
/// <param name="ScrapPerUnit">What a scrapped unit costs beyond its material and work (disposal, handling).</param>
public sealed record ProductCost(decimal MaterialPerUnit, decimal ScrapPerUnit)
{
    /// <summary>A product without a cost in the plant file.</summary>
    public static ProductCost Free { get; } = new(0m, 0m);
}
