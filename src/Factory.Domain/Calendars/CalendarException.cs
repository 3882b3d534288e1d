using NodaTime;

namespace Factory.Domain.Calendars;

/// <summary>A holiday or a one-off change to the weekly pattern on a local date.</summary>
/// <param name="ShiftName">The shift pattern concerned; ignored for a holiday.</param>
public sealed record CalendarException(LocalDate Date, CalendarExceptionKind Kind, string? ShiftName = null, string? Note = null);
