using Factory.Contracts.Production;
using Factory.Domain.Calendars;
using Factory.Domain.Oee;

namespace Factory.Host.Production;

/// <summary>A site's production configuration from the plant file: calendar, classification, reason tree, machine logs.</summary>
/// <param name="Calendar">The shift calendar, or null for round-the-clock operation.</param>
public sealed record SiteProduction(
    string SiteId,
    ShiftCalendar? Calendar,
    TimeClassification Classification,
    DowntimeReasonTree Reasons,
    ImmutableArray<MachineLogSettings> Machines)
{
    /// <summary>The planned time of one machine (or its line) over a window, with the recorded planned stops.</summary>
    public PlannedTime PlannedFor(TimeRange window, string machineId, IEnumerable<PlannedStop> stops) =>
        Calendar is null ? PlannedTime.ContinuousWith(stops) : Calendar.PlannedTimeFor(window, machineId, stops);
}
