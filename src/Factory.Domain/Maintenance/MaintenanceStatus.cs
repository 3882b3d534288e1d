namespace Factory.Domain.Maintenance;

/// <summary>Where a maintenance work order is in its life: Requested → Planned → InProgress → Done, or Cancelled.</summary>
public enum MaintenanceStatus
{
    Requested = 1,
    Planned = 2,
    InProgress = 3,
    Done = 4,
    Cancelled = 5,
}
