namespace Factory.Domain.Oee;

/// <summary>
/// How a window's planned operation time split into ISO 22400 time elements. POT = PDOT + NotCounted + PBT;
/// PDOT includes APMT; PBT = APT + ADOT + ADET + ASUT + Unknown. Time outside the calendar's planned
/// operation is in none of them.
/// </summary>
/// <param name="PlannedDownOther">Planned down time other than preventive maintenance (breaks, planned reasons).</param>
public sealed record TimeElementTotals(
    TimeSpan Apt,
    TimeSpan Adot,
    TimeSpan Adet,
    TimeSpan Asut,
    TimeSpan Apmt,
    TimeSpan PlannedDownOther,
    TimeSpan Unknown,
    TimeSpan NotCounted)
{
    public static TimeElementTotals Zero { get; } = new(
        TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);

    /// <summary>PDOT: all planned down time, preventive maintenance included.</summary>
    public TimeSpan Pdot => PlannedDownOther + Apmt;

    /// <summary>PBT: planned busy time = POT − PDOT − time not counted.</summary>
    public TimeSpan Pbt => Apt + Adot + Adet + Asut + Unknown;

    /// <summary>POT: planned operation time.</summary>
    public TimeSpan Pot => Pbt + Pdot + NotCounted;

    /// <summary>The time of one element.</summary>
    public TimeSpan Of(TimeElement element) => element switch
    {
        TimeElement.Apt => Apt,
        TimeElement.Adot => Adot,
        TimeElement.Adet => Adet,
        TimeElement.Asut => Asut,
        TimeElement.Apmt => Apmt,
        TimeElement.Pdot => PlannedDownOther,
        TimeElement.Unknown => Unknown,
        TimeElement.NotCounted => NotCounted,
        _ => TimeSpan.Zero,
    };

    public static TimeElementTotals operator +(TimeElementTotals a, TimeElementTotals b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return new(
            a.Apt + b.Apt, a.Adot + b.Adot, a.Adet + b.Adet, a.Asut + b.Asut, a.Apmt + b.Apmt,
            a.PlannedDownOther + b.PlannedDownOther, a.Unknown + b.Unknown, a.NotCounted + b.NotCounted);
    }

    internal static TimeElementTotals FromTicks(long[] ticks) => new(
        TimeSpan.FromTicks(ticks[(int)TimeElement.Apt]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Adot]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Adet]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Asut]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Apmt]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Pdot]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.Unknown]),
        TimeSpan.FromTicks(ticks[(int)TimeElement.NotCounted]));
}
