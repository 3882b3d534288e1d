namespace Factory.Host.Plant;

/// <summary>One site of the plant definition file.</summary>
public sealed class SiteDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>IANA time zone, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    public List<LineDefinitionEntry> Lines { get; set; } = [];

    public List<WorkerDefinitionEntry> Workers { get; set; } = [];

    public List<WorkOrderDefinitionEntry> WorkOrders { get; set; } = [];
}
