using Factory.Domain.Oee;

namespace Factory.Domain.Calendars;

/// <summary>KPIs per shift instance: each shift is its own window, its breaks its planned stops.</summary>
public static class ShiftKpis
{
    /// <summary>
    /// One row per shift of <paramref name="calendar"/> that overlaps <paramref name="window"/> (clipped to it),
    /// for one machine. <paramref name="otherStops"/> are planned stops beyond breaks (planned maintenance)
    /// that apply to the machine.
    /// </summary>
    public static IReadOnlyList<KpiRow> ForMachine(
        ShiftCalendar calendar,
        TimeRange window,
        string machineId,
        IReadOnlyCollection<StateInterval> intervals,
        IReadOnlyCollection<ProductionCount> counts,
        TimeClassification classification,
        DowntimeReasonTree? reasons = null,
        IEnumerable<PlannedStop>? otherStops = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var extra = (otherStops ?? []).ToList();
        return calendar.Expand(window, machineId)
            .Select(shift =>
            {
                var shiftWindow = shift.Range.Intersect(window) ?? new TimeRange(shift.Start, shift.Start);
                var planned = new PlannedTime([shift.Range], [.. shift.Breaks, .. extra]);
                var kpis = OeeCalculator.Compute(machineId, intervals, counts, planned, shiftWindow, classification, reasons);
                return new KpiRow("shift", $"{shift.Id}/{machineId}", shiftWindow, kpis);
            })
            .ToList();
    }
}
