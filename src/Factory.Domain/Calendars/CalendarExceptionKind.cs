namespace Factory.Domain.Calendars;

/// <summary>How a date departs from the weekly pattern.</summary>
public enum CalendarExceptionKind
{
    /// <summary>No shift starts on the date.</summary>
    Holiday = 1,

    /// <summary>The named shift does not run on the date.</summary>
    CancelShift = 2,

    /// <summary>The named shift runs on the date although its pattern does not include that weekday.</summary>
    ExtraShift = 3,
}
