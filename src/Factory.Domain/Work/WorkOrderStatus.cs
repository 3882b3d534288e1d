namespace Factory.Domain.Work;

/// <summary>Where a work order is as a whole.</summary>
public enum WorkOrderStatus
{
    /// <summary>Nothing of it has been released yet.</summary>
    Open = 0,

    /// <summary>At least one operation was released, and not all are completed.</summary>
    InProgress = 1,

    /// <summary>Every operation is completed.</summary>
    Completed = 2,

    /// <summary>Cancelled: what is left will not be made.</summary>
    Cancelled = 3,
}
