using System.Collections.Immutable;
using Factory.Domain.Calendars;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using NodaTime;
using Xunit;

namespace Factory.Domain.Tests.Calendars;

public class ShiftCalendarTests
{
    private static readonly ImmutableArray<IsoDayOfWeek> Weekdays =
        [IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday];

    private static readonly ImmutableArray<IsoDayOfWeek> EveryDay = [.. Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)];

    private static ShiftPattern Early => new(
        "early", Weekdays, new LocalTime(6, 0), new LocalTime(14, 0),
        [new ShiftBreak(new LocalTime(8, 0), new LocalTime(8, 15)), new ShiftBreak(new LocalTime(10, 0), new LocalTime(10, 30)), new ShiftBreak(new LocalTime(12, 0), new LocalTime(12, 15))]);

    private static ShiftPattern Night => new(
        "night", EveryDay, new LocalTime(22, 0), new LocalTime(6, 0),
        [new ShiftBreak(new LocalTime(2, 0), new LocalTime(2, 30))]);

    private static ShiftCalendar Berlin(params CalendarException[] exceptions) =>
        new("s1", "Europe/Berlin", [Early, Night], [.. exceptions]);

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Night_shift_across_the_spring_change_is_seven_hours()
    {
        // 2026-03-29 02:00 CET → 03:00 CEST.
        var shift = Berlin().Expand(new TimeRange(Utc(3, 28, 20), Utc(3, 29, 6))).Single(s => s.ShiftName == "night");
        Assert.Equal(new LocalDate(2026, 3, 28), shift.Date);
        Assert.Equal(Utc(3, 28, 21), shift.Start); // 22:00 CET
        Assert.Equal(Utc(3, 29, 4), shift.End); // 06:00 CEST
        Assert.Equal(TimeSpan.FromHours(7), shift.Duration);

        // The 02:00 break does not exist that night; it moves forward with the clock and keeps its 30 minutes.
        var pause = Assert.Single(shift.Breaks);
        Assert.Equal(Utc(3, 29, 1), pause.Start);
        Assert.Equal(TimeSpan.FromMinutes(30), pause.End - pause.Start);
    }

    [Fact]
    public void Night_shift_across_the_autumn_change_is_nine_hours()
    {
        // 2026-10-25 03:00 CEST → 02:00 CET.
        var shift = Berlin().Expand(new TimeRange(Utc(10, 24, 19), Utc(10, 25, 6))).Single(s => s.ShiftName == "night");
        Assert.Equal(Utc(10, 24, 20), shift.Start); // 22:00 CEST
        Assert.Equal(Utc(10, 25, 5), shift.End); // 06:00 CET
        Assert.Equal(TimeSpan.FromHours(9), shift.Duration);
    }

    [Fact]
    public void Planned_busy_time_follows_the_real_length_of_the_shift()
    {
        var calendar = Berlin();
        var window = new TimeRange(Utc(10, 24, 20), Utc(10, 25, 5));
        var planned = calendar.PlannedTimeFor(window, "m1");
        var events = new[] { new MachineStateEvent("m1", Utc(10, 24, 20), PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1") };
        var log = StateIntervalLog.Empty("m1", TimeSpan.Zero).Append(events[0]).Log;
        var kpis = OeeCalculator.Compute("m1", log.Intervals(window.End), [], planned, window, TimeClassification.Default);
        Assert.Equal(TimeSpan.FromHours(9), kpis.Time.Pot);
        Assert.Equal(TimeSpan.FromMinutes(510), kpis.Time.Pbt);
    }

    [Fact]
    public void Weekly_pattern_with_holiday_and_extra_shift()
    {
        var dayOnly = new ShiftCalendar("s1", "Europe/Berlin", [Early],
            [new CalendarException(new LocalDate(2026, 5, 1), CalendarExceptionKind.Holiday, Note: "Labour Day"),
             new CalendarException(new LocalDate(2026, 5, 2), CalendarExceptionKind.ExtraShift, "early")]);
        Assert.Empty(dayOnly.Validate());
        // Mon 2026-04-27 .. Sun 2026-05-03: Mon–Thu, Friday is a holiday, Saturday is an extra shift.
        var shifts = dayOnly.Expand(new TimeRange(Utc(4, 26, 22), Utc(5, 3, 22)));
        Assert.Equal(
            [new LocalDate(2026, 4, 27), new LocalDate(2026, 4, 28), new LocalDate(2026, 4, 29), new LocalDate(2026, 4, 30), new LocalDate(2026, 5, 2)],
            shifts.Select(s => s.Date));
        Assert.All(shifts, s => Assert.Equal(TimeSpan.FromHours(8), s.Duration));
        Assert.All(shifts, s => Assert.Equal(Utc(s.Date.Month, s.Date.Day, 4), s.Start)); // 06:00 CEST
        Assert.All(shifts, s => Assert.Equal(3, s.Breaks.Length));
    }

    [Fact]
    public void Worked_case_one_through_the_calendar()
    {
        var calendar = new ShiftCalendar("s1", "Europe/Berlin", [Early], []);
        var shift = calendar.ShiftAt(Utc(3, 2, 7))!; // Monday 08:00 CET
        Assert.Equal("early@2026-03-02", shift.Id);
        var planned = calendar.PlannedTimeFor(shift.Range, "m1");
        var log = StateIntervalLog.Empty("m1", TimeSpan.Zero);
        log = log.Append(new MachineStateEvent("m1", shift.Start, PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        log = log.Append(new MachineStateEvent("m1", shift.Start.AddMinutes(300), PackMlState.Aborted, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        log = log.Append(new MachineStateEvent("m1", shift.Start.AddMinutes(347), PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        var counts = new[] { new ProductionCount("m1", shift.Start.AddHours(7), 18_848, 423, 0, TimeSpan.FromSeconds(1)) };
        var kpis = OeeCalculator.Compute("m1", log.Intervals(shift.End), counts, planned, shift.Range, TimeClassification.Default);
        Assert.Equal(TimeSpan.FromMinutes(420), kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromMinutes(373), kpis.Time.Apt);
        Assert.Equal(0.7479, Math.Round(kpis.Oee!.Value, 4));
    }

    [Fact]
    public void Maps_a_timestamp_to_its_shift_instance()
    {
        var calendar = Berlin();
        Assert.Equal("night@2026-03-28", calendar.ShiftAt(Utc(3, 29, 3, 59))!.Id);
        Assert.Null(calendar.ShiftAt(Utc(3, 29, 4))); // Sunday 06:00 CEST: the night shift is over, no early shift on Sunday
        Assert.Equal("early@2026-03-30", calendar.ShiftAt(Utc(3, 30, 4))!.Id); // 06:00 CEST Monday
        Assert.Equal("night@2026-10-24", calendar.ShiftAt(Utc(10, 25, 4, 59))!.Id);
    }

    [Fact]
    public void Invalid_calendars_are_reported()
    {
        Assert.NotEmpty(new ShiftCalendar("s1", "Mars/Olympus", [Early], []).Validate());
        var badBreak = Early with { Breaks = [new ShiftBreak(new LocalTime(15, 0), new LocalTime(15, 30))] };
        Assert.NotEmpty(new ShiftCalendar("s1", "Europe/Berlin", [badBreak], []).Validate());
        Assert.NotEmpty(new ShiftCalendar("s1", "Europe/Berlin", [Early], [new CalendarException(new LocalDate(2026, 1, 1), CalendarExceptionKind.CancelShift, "late")]).Validate());
        Assert.Throws<InvalidOperationException>(() => new ShiftCalendar("s1", "Mars/Olympus", [Early], []).Expand(new TimeRange(Utc(1, 1, 0), Utc(1, 2, 0))));
    }
}
