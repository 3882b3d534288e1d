using System.Collections.Immutable;
using Factory.Domain.Calendars;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using NodaTime;
using Xunit;

namespace Factory.Domain.Tests.Calendars;

public class ShiftKpisTests
{
    [Fact]
    public void One_row_per_shift_and_they_add_up_to_the_day()
    {
        ImmutableArray<IsoDayOfWeek> days = [IsoDayOfWeek.Monday];
        var calendar = new ShiftCalendar("s1", "Europe/Berlin",
            [new ShiftPattern("early", days, new LocalTime(6, 0), new LocalTime(14, 0), [new ShiftBreak(new LocalTime(10, 0), new LocalTime(10, 30))]),
             new ShiftPattern("late", days, new LocalTime(14, 0), new LocalTime(22, 0), [new ShiftBreak(new LocalTime(18, 0), new LocalTime(18, 30))])],
            []);
        var dayStart = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(1));
        var day = new TimeRange(dayStart, dayStart.AddDays(1));
        var log = StateIntervalLog.Empty("m1", TimeSpan.Zero);
        log = log.Append(new MachineStateEvent("m1", dayStart.AddHours(5), PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        log = log.Append(new MachineStateEvent("m1", dayStart.AddHours(12), PackMlState.Aborted, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        log = log.Append(new MachineStateEvent("m1", dayStart.AddHours(15), PackMlState.Execute, UnitMode.Production, DataQuality.Good, WorkOrderId: "wo1")).Log;
        var intervals = log.Intervals(day.End).ToList();
        var counts = new[] { new ProductionCount("m1", dayStart.AddHours(7), 1000, 10, 0, TimeSpan.FromSeconds(10)), new ProductionCount("m1", dayStart.AddHours(16), 900, 0, 0, TimeSpan.FromSeconds(10)) };

        var rows = ShiftKpis.ForMachine(calendar, day, "m1", intervals, counts, TimeClassification.Default);
        Assert.Equal(["early@2026-03-02/m1", "late@2026-03-02/m1"], rows.Select(r => r.EntityId));
        Assert.Equal(TimeSpan.FromMinutes(450), rows[0].Kpis.Time.Pbt);
        Assert.Equal(TimeSpan.FromHours(2), rows[0].Kpis.Time.Adot);
        Assert.Equal(TimeSpan.FromHours(1), rows[1].Kpis.Time.Adot);
        Assert.Equal(1, rows[0].Kpis.Failures); // the failure is counted in the shift it began in…
        Assert.Equal(0, rows[1].Kpis.Failures); // …while its down time is split between both

        var whole = OeeCalculator.Compute("m1", intervals, counts, calendar.PlannedTimeFor(day, "m1"), day, TimeClassification.Default);
        var sum = ProductionKpis.Sum(rows.Select(r => r.Kpis));
        Assert.Equal(whole.Time, sum.Time);
        Assert.Equal(whole.Output, sum.Output);
    }
}
