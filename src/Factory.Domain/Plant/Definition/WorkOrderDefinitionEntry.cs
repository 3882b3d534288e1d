namespace Factory.Domain.Plant.Definition;

/// <summary>A work order of the plant definition file: an absolute <see cref="DueDate"/> or <see cref="DueInHours"/> from load time.</summary>
public sealed class WorkOrderDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Product { get; set; } = "";

    public int Quantity { get; set; }

    public DateTimeOffset? DueDate { get; set; }

    public double? DueInHours { get; set; }

    public int Priority { get; set; } = 1;

    public List<OperationDefinitionEntry> Operations { get; set; } = [];
}
