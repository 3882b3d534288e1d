namespace Factory.Domain.Plant.Definition;

/// <summary>One line of the plant definition file, with its machines in flow order.</summary>
public sealed class LineDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    public List<MachineDefinitionEntry> Machines { get; set; } = [];
}
