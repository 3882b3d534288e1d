namespace Factory.Domain.Plant.Definition;

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

    /// <summary>Shift calendar; without one the site runs round the clock (POT = the whole window).</summary>
    public ShiftCalendarEntry? ShiftCalendar { get; set; }

    /// <summary>Choices in the state → ISO 22400 time element table; the reference's defaults when absent.</summary>
    public TimeClassificationEntry? TimeClassification { get; set; }

    /// <summary>Downtime reason tree; a small default tree when absent.</summary>
    public List<DowntimeReasonEntry>? DowntimeReasons { get; set; }

    /// <summary>Alarm definitions on machine tags.</summary>
    public List<AlarmDefinitionEntry> Alarms { get; set; } = [];

    /// <summary>Rates and budgets in the site's currency; without them everything costs nothing.</summary>
    public SiteCostsEntry? Costs { get; set; }

    /// <summary>Preventive maintenance plans of the site's machines; created on first start, then kept by the site's maintenance grain.</summary>
    public List<MaintenancePlanEntry> MaintenancePlans { get; set; } = [];
}
