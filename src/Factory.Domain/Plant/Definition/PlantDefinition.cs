namespace Factory.Domain.Plant.Definition;

/// <summary>
/// The plant definition file (JSON): sites with their lines, machines, workers and work orders.
/// See README.md, "Plant definition", for the format.
/// </summary>
public sealed class PlantDefinition
{
    public List<SiteDefinitionEntry> Sites { get; set; } = [];
}
