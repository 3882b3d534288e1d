namespace Factory.Domain.Plant.Definition;

/// <summary>A product's per-unit costs in the plant file's <c>costs.products</c>.</summary>
public sealed class ProductCostEntry
{
    /// <summary>Material of one unit, charged for every unit entering the first operation.</summary>
    public decimal MaterialPerUnit { get; set; }

    /// <summary>What a scrapped unit costs beyond its material and work (disposal, handling).</summary>
    public decimal ScrapPerUnit { get; set; }
}
