using Factory.Domain.Oee;
using NodaTime;

namespace Factory.Domain.Calendars;

/// <summary>A planned stop inside a shift, in the site's local time (a break after midnight belongs to a night shift).</summary>
public sealed record ShiftBreak(LocalTime Start, LocalTime End, PlannedStopKind Kind = PlannedStopKind.Break);
