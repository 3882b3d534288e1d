namespace Factory.Host.Plant;

/// <summary>One site of the plant definition file.</summary>
public sealed class SiteDefinitionEntry
{
    public string Id { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>IANA time zone, e.g. "Europe/Berlin".</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>OPC UA endpoints (PLCs) that feed the site's machines.</summary>
    public List<EndpointDefinitionEntry> Endpoints { get; set; } = [];

    public List<LineDefinitionEntry> Lines { get; set; } = [];

    public List<WorkerDefinitionEntry> Workers { get; set; } = [];

    public List<WorkOrderDefinitionEntry> WorkOrders { get; set; } = [];
}
