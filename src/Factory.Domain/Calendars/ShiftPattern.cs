using NodaTime;

namespace Factory.Domain.Calendars;

/// <summary>
/// A weekly shift, e.g. "early" 06:00–14:00 Monday to Friday, in the site's local time. An end at or before
/// the start means the shift runs past midnight; it belongs to the day it starts.
/// </summary>
public sealed record ShiftPattern(string Name, ImmutableArray<IsoDayOfWeek> Days, LocalTime Start, LocalTime End, ImmutableArray<ShiftBreak> Breaks)
{
    /// <summary>The shift's nominal length on a day without a clock change.</summary>
    public Duration NominalLength => Offset(End) == Duration.Zero ? Duration.FromDays(1) : Offset(End);

    /// <summary>How far after the shift's start a local time of the shift lies (wrapping past midnight).</summary>
    public Duration Offset(LocalTime time)
    {
        var ticks = (time.TickOfDay - Start.TickOfDay + NodaConstants.TicksPerDay) % NodaConstants.TicksPerDay;
        return Duration.FromTicks(ticks);
    }
}
