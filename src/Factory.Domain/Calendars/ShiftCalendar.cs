using Factory.Domain.Oee;
using NodaTime;
using NodaTime.TimeZones;

namespace Factory.Domain.Calendars;

/// <summary>
/// A site's shift calendar: weekly patterns with breaks, holidays and exceptions, in the site's IANA time
/// zone. Local times that a clock change skips move forward by the gap; local times that occur twice take
/// the earlier one. Shifts are resolved to exact instants, so one spanning a clock change is shorter or longer.
/// </summary>
public sealed record ShiftCalendar(string SiteId, string TimeZoneId, ImmutableArray<ShiftPattern> Patterns, ImmutableArray<CalendarException> Exceptions)
{
    private static readonly ZoneLocalMappingResolver Resolver = Resolvers.LenientResolver;

    /// <summary>Every problem with the calendar; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(TimeZoneId ?? string.Empty) is null)
        {
            problems.Add($"unknown time zone '{TimeZoneId}' (use an IANA id such as Europe/Berlin)");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pattern in Patterns.IsDefault ? [] : Patterns)
        {
            if (string.IsNullOrWhiteSpace(pattern.Name) || !names.Add(pattern.Name))
            {
                problems.Add($"shift names must be present and unique ('{pattern.Name}')");
            }

            if (pattern.Days.IsDefaultOrEmpty || pattern.Days.Any(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday))
            {
                problems.Add($"shift '{pattern.Name}' needs valid weekdays");
            }

            var previousEnd = Duration.Zero;
            foreach (var shiftBreak in (pattern.Breaks.IsDefault ? [] : pattern.Breaks).OrderBy(b => pattern.Offset(b.Start)))
            {
                var from = pattern.Offset(shiftBreak.Start);
                var to = from + BreakLength(shiftBreak);
                if (BreakLength(shiftBreak) == Duration.Zero || to > pattern.NominalLength)
                {
                    problems.Add($"break {shiftBreak.Start}–{shiftBreak.End} of shift '{pattern.Name}' is empty or outside the shift");
                }
                else if (from < previousEnd)
                {
                    problems.Add($"breaks of shift '{pattern.Name}' overlap at {shiftBreak.Start}");
                }

                previousEnd = to;
            }
        }

        foreach (var exception in Exceptions.IsDefault ? [] : Exceptions)
        {
            if (exception.Kind != CalendarExceptionKind.Holiday && !names.Contains(exception.ShiftName ?? string.Empty))
            {
                problems.Add($"exception on {exception.Date:yyyy-MM-dd} names an unknown shift '{exception.ShiftName}'");
            }
        }

        return problems;
    }

    /// <summary>The shifts that overlap <paramref name="window"/>, in start order (whole shifts, not clipped).</summary>
    /// <param name="scopeId">The machine, line or site id the shifts' breaks are recorded against.</param>
    public IReadOnlyList<ShiftInstance> Expand(TimeRange window, string? scopeId = null)
    {
        if (Validate() is { Count: > 0 } problems)
        {
            throw new InvalidOperationException("invalid shift calendar: " + string.Join("; ", problems));
        }

        var zone = DateTimeZoneProviders.Tzdb[TimeZoneId];
        var first = Instant.FromDateTimeOffset(window.Start).InZone(zone).Date.PlusDays(-1);
        var last = Instant.FromDateTimeOffset(window.End).InZone(zone).Date;
        if (Period.Between(first, last, PeriodUnits.Days).Days > 3700)
        {
            throw new ArgumentException("a calendar is expanded for at most ten years at a time", nameof(window));
        }

        var result = new List<ShiftInstance>();
        for (var date = first; date <= last; date = date.PlusDays(1))
        {
            foreach (var pattern in Patterns)
            {
                if (Runs(pattern, date) && Resolve(pattern, date, zone, scopeId ?? SiteId) is { } shift && shift.Range.Overlaps(window))
                {
                    result.Add(shift);
                }
            }
        }

        return result.OrderBy(s => s.Start).ToList();
    }

    /// <summary>The shift running at <paramref name="at"/>, or null between shifts.</summary>
    public ShiftInstance? ShiftAt(DateTimeOffset at) =>
        Expand(new TimeRange(at, at.AddTicks(1))).FirstOrDefault(s => s.Range.Contains(at));

    /// <summary>The planned operation (shifts) and planned stops (breaks, plus <paramref name="otherStops"/>) for a KPI window.</summary>
    public PlannedTime PlannedTimeFor(TimeRange window, string scopeId, IEnumerable<PlannedStop>? otherStops = null)
    {
        var shifts = Expand(window, scopeId);
        return new PlannedTime(
            [.. shifts.Select(s => s.Range)],
            [.. shifts.SelectMany(s => s.Breaks).Concat(otherStops ?? [])]);
    }

    private bool Runs(ShiftPattern pattern, LocalDate date)
    {
        var exceptions = (Exceptions.IsDefault ? [] : Exceptions).Where(e => e.Date == date).ToList();
        if (exceptions.Any(e => e.Kind == CalendarExceptionKind.Holiday))
        {
            return false;
        }

        bool Named(CalendarException e) => string.Equals(e.ShiftName, pattern.Name, StringComparison.OrdinalIgnoreCase);
        if (exceptions.Any(e => e.Kind == CalendarExceptionKind.CancelShift && Named(e)))
        {
            return false;
        }

        return pattern.Days.Contains(date.DayOfWeek) || exceptions.Any(e => e.Kind == CalendarExceptionKind.ExtraShift && Named(e));
    }

    private static ShiftInstance? Resolve(ShiftPattern pattern, LocalDate date, DateTimeZone zone, string scopeId)
    {
        var localStart = date + pattern.Start;
        var start = zone.ResolveLocal(localStart, Resolver).ToDateTimeOffset();
        var end = zone.ResolveLocal(localStart.PlusTicks(pattern.NominalLength.BclCompatibleTicks), Resolver).ToDateTimeOffset();
        if (end <= start)
        {
            return null;
        }

        var breaks = (pattern.Breaks.IsDefault ? [] : pattern.Breaks).Select(b =>
        {
            var localBreak = localStart.PlusTicks(pattern.Offset(b.Start).BclCompatibleTicks);
            var breakStart = zone.ResolveLocal(localBreak, Resolver).ToDateTimeOffset();
            var breakEnd = zone.ResolveLocal(localBreak.PlusTicks(BreakLength(b).BclCompatibleTicks), Resolver).ToDateTimeOffset();
            return new PlannedStop(scopeId, b.Kind, breakStart, breakEnd < breakStart ? breakStart : breakEnd, $"{pattern.Name} break");
        });
        return new ShiftInstance(pattern.Name, date, start, end, [.. breaks.Where(b => b.End > b.Start)]);
    }

    private static Duration BreakLength(ShiftBreak shiftBreak) =>
        Duration.FromTicks((shiftBreak.End.TickOfDay - shiftBreak.Start.TickOfDay + NodaConstants.TicksPerDay) % NodaConstants.TicksPerDay);
}
