namespace Factory.Grains.State;

/// <summary>What a work-order grain persists.</summary>
public sealed class WorkOrderState
{
    public WorkOrder? Order { get; set; }

    public long Version { get; set; }

    /// <summary>When the order last changed: the ETAs of its view count from here.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
