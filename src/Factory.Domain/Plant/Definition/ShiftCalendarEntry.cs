namespace Factory.Domain.Plant.Definition;

/// <summary>A site's shift calendar in the plant file; times are local to the site's time zone.</summary>
public sealed class ShiftCalendarEntry
{
    public List<ShiftEntry> Shifts { get; set; } = [];

    public List<CalendarExceptionEntry> Exceptions { get; set; } = [];
}
