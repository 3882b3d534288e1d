using System.Collections.Immutable;
using Factory.Domain.Calendars;
using Factory.Domain.Oee;
using FsCheck.Xunit;
using NodaTime;
using Xunit;

namespace Factory.Domain.Tests.Calendars;

public class ShiftCalendarPropertyTests
{
    private static readonly string[] Zones = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Kolkata", "UTC"];

    private static readonly ImmutableArray<IsoDayOfWeek> EveryDay =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    /// <summary>
    /// Over any two weeks in any zone, every shift lasts its nominal length corrected by the clock change inside
    /// it, shifts do not overlap, breaks lie inside their shift, and a moment inside a shift maps back to it.
    /// </summary>
    [Property(MaxTest = 200)]
    public void Expanded_shifts_are_exact_and_map_back(int dayOffset, byte zone)
    {
        var zoneId = Zones[zone % Zones.Length];
        var calendar = new ShiftCalendar("s1", zoneId,
        [
            new ShiftPattern("early", EveryDay, new LocalTime(6, 0), new LocalTime(14, 0), [new ShiftBreak(new LocalTime(10, 0), new LocalTime(10, 30))]),
            new ShiftPattern("late", EveryDay, new LocalTime(14, 0), new LocalTime(22, 0), []),
            new ShiftPattern("night", EveryDay, new LocalTime(22, 0), new LocalTime(6, 0), [new ShiftBreak(new LocalTime(1, 0), new LocalTime(1, 30))]),
        ], []);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Math.Abs(dayOffset % 730));
        var window = new TimeRange(start, start.AddDays(14));
        var shifts = calendar.Expand(window);
        var tz = DateTimeZoneProviders.Tzdb[zoneId];

        Assert.InRange(shifts.Count, 42, 45);
        for (var i = 0; i < shifts.Count; i++)
        {
            var s = shifts[i];
            var offsetChange = tz.GetUtcOffset(Instant.FromDateTimeOffset(s.End)) - tz.GetUtcOffset(Instant.FromDateTimeOffset(s.Start));
            Assert.Equal(TimeSpan.FromHours(8) - offsetChange.ToTimeSpan(), s.Duration);
            if (i > 0)
            {
                Assert.Equal(shifts[i - 1].End, s.Start); // three shifts cover the day without gap or overlap
            }

            Assert.All(s.Breaks, b => Assert.True(b.Start >= s.Start && b.End <= s.End));
            Assert.Equal(s.Id, calendar.ShiftAt(s.Start + s.Duration / 2)!.Id);
        }
    }
}
