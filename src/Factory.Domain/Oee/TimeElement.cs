namespace Factory.Domain.Oee;

/// <summary>
/// The ISO 22400-2 time element a stretch of machine time counts as. Planned operation time (POT) is
/// partitioned as POT = PDOT (incl. APMT) + NotCounted + PBT, and PBT = APT + ADOT + ADET + ASUT + Unknown.
/// </summary>
public enum TimeElement
{
    /// <summary>APT: actual production time, the unit is producing.</summary>
    Apt = 1,

    /// <summary>ADOT: actual unit down time, failures inside planned busy time.</summary>
    Adot = 2,

    /// <summary>ADET: actual unit delay time, waiting, starved/blocked, minor stops.</summary>
    Adet = 3,

    /// <summary>ASUT: actual setup time.</summary>
    Asut = 4,

    /// <summary>APMT: actual preventive maintenance time, maintenance done inside a planned maintenance stop (a part of PDOT).</summary>
    Apmt = 5,

    /// <summary>PDOT: planned down time (breaks, planned maintenance, planned reasons).</summary>
    Pdot = 6,

    /// <summary>
    /// The data cannot tell (disconnected, stale, bad or missing data). Kept inside PBT so a machine
    /// nobody can see never looks more available than one that is seen to be down.
    /// </summary>
    Unknown = 7,

    /// <summary>Time the site chose not to count (e.g. idle with no order); excluded from PBT.</summary>
    NotCounted = 8,
}
