namespace Factory.Domain.Oee;

/// <summary>What kind of stop a downtime reason stands for; it can decide the time element of an interval.</summary>
public enum DowntimeCategory
{
    /// <summary>A failure of the unit: ADOT.</summary>
    Unplanned = 1,

    /// <summary>Planned (e.g. a planned changeover recorded as a reason): PDOT.</summary>
    Planned = 2,

    /// <summary>Setup or changeover: ASUT.</summary>
    Setup = 3,

    /// <summary>Minor stop or waiting at the unit: ADET.</summary>
    MinorStop = 4,

    /// <summary>Caused outside the unit (starved, blocked, no material, no operator): ADET.</summary>
    External = 5,
}
