using Factory.Domain.Calendars;

namespace Factory.Domain.Plant.Definition;

/// <summary>A holiday, a cancelled shift or an extra shift on a local date ("2026-12-25").</summary>
public sealed class CalendarExceptionEntry
{
    public string Date { get; set; } = "";

    public CalendarExceptionKind Kind { get; set; } = CalendarExceptionKind.Holiday;

    public string? Shift { get; set; }

    public string? Note { get; set; }
}
