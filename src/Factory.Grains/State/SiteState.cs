namespace Factory.Grains.State;

/// <summary>What a site grain persists: its definition and directory.</summary>
public sealed class SiteState
{
    public SiteSpec? Spec { get; set; }

    public List<string> LineIds { get; set; } = [];

    public List<string> MachineIds { get; set; } = [];

    public List<string> WorkerIds { get; set; } = [];

    public List<string> WorkOrderIds { get; set; } = [];

    public long Version { get; set; }

    /// <summary>When the site was first defined here: costs and budgets before it are not the plant's to report.</summary>
    public DateTimeOffset? ObservedSince { get; set; }
}
