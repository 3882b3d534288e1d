using Factory.Domain.Oee;
using NodaTime;

namespace Factory.Domain.Calendars;

/// <summary>One shift on one day, resolved to exact instants (so it is 7 h or 9 h long across a clock change).</summary>
/// <param name="Date">The local date the shift starts on.</param>
public sealed record ShiftInstance(string ShiftName, LocalDate Date, DateTimeOffset Start, DateTimeOffset End, ImmutableArray<PlannedStop> Breaks)
{
    public TimeRange Range => new(Start, End);

    public TimeSpan Duration => End - Start;

    /// <summary>A stable id such as "early@2026-03-29", for per-shift KPIs.</summary>
    public string Id => $"{ShiftName}@{Date:yyyy-MM-dd}";
}
