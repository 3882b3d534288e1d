namespace Factory.Grains.State;

/// <summary>What a work-order grain persists.</summary>
public sealed class WorkOrderState
{
    public WorkOrder? Order { get; set; }

    public long Version { get; set; }

    /// <summary>
    /// A digest of the spec the order was created from: the same create again (a retry after a crash between creating
    /// and registering with the site) is answered as done, another spec under the same id is a conflict.
    /// </summary>
    public string? CreatedFrom { get; set; }

    /// <summary>When the order last changed: the ETAs of its view count from here.</summary>
    public DateTimeOffset ChangedAt { get; set; }
}
