namespace Factory.Domain.Work;

/// <summary>How a work order stands against its due date.</summary>
public enum DueRisk
{
    /// <summary>Its live ETA is on or before the due date.</summary>
    OnTrack = 0,

    /// <summary>Its live ETA is after the due date, which has not passed yet.</summary>
    AtRisk = 1,

    /// <summary>The due date has passed and it is not done.</summary>
    Overdue = 2,

    /// <summary>Completed or cancelled.</summary>
    Done = 3,
}
