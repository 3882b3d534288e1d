namespace Factory.Domain.Maintenance;

/// <summary>How a planned or preventive maintenance order kept its deadline (its window's end, else its due time).</summary>
public enum ComplianceOutcome
{
    /// <summary>Done by its deadline.</summary>
    OnTime = 1,

    /// <summary>Done, but after its deadline.</summary>
    Late = 2,

    /// <summary>Not done and past its deadline.</summary>
    Overdue = 3,

    /// <summary>Not done, and its deadline has not come yet.</summary>
    Open = 4,

    /// <summary>Cancelled: it neither kept nor missed its deadline.</summary>
    Cancelled = 5,
}
