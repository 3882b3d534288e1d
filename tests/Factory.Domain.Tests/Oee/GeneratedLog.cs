using System.Collections.Immutable;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Tests.Oee;

/// <summary>A machine history decoded from FsCheck-generated integers (so FsCheck can shrink it).</summary>
internal sealed record GeneratedLog(
    List<MachineStateEvent> Events,
    List<ProductionCount> Counts,
    PlannedTime Planned,
    TimeRange Window,
    TimeSpan IdealCycleTime)
{
    public static readonly DateTimeOffset Origin = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly PackMlState[] States = Enum.GetValues<PackMlState>();
    private static readonly DataQuality[] Qualities = [DataQuality.Good, DataQuality.Good, DataQuality.Good, DataQuality.Uncertain, DataQuality.Disconnected, DataQuality.Stale];
    private static readonly UnitMode[] Modes = [UnitMode.Production, UnitMode.Production, UnitMode.Production, UnitMode.Maintenance, UnitMode.Manual];
    private static readonly string?[] Reasons = [null, null, null, "FAIL", "SETUP", "WAIT", "PLAN"];

    public static DowntimeReasonTree ReasonTree { get; } = DowntimeReasonTree.Create(
    [
        new DowntimeReason("FAIL", "failure", null, DowntimeCategory.Unplanned, 1),
        new DowntimeReason("SETUP", "setup", null, DowntimeCategory.Setup, 2),
        new DowntimeReason("WAIT", "waiting", null, DowntimeCategory.External, 3),
        new DowntimeReason("PLAN", "planned", null, DowntimeCategory.Planned, 4),
    ]).Tree!;

    /// <param name="steps">Each int gives the gap to the next event and the event's condition.</param>
    /// <param name="layout">Decides the window, the shift ranges, the stops, the PRI.</param>
    public static GeneratedLog Decode(int[] steps, int[] layout, int[] counts)
    {
        var events = new List<MachineStateEvent>();
        var t = Origin.AddMinutes(Math.Abs(Pick(layout, 0) % 120));
        foreach (var raw in steps ?? [])
        {
            var v = (uint)raw;
            var state = States[v % (uint)States.Length];
            if ((v >> 5) % 3 == 0)
            {
                state = PackMlState.Execute; // keep enough production in the mix
            }

            events.Add(new MachineStateEvent(
                "m1", t, state,
                Modes[(v >> 7) % (uint)Modes.Length],
                Qualities[(v >> 10) % (uint)Qualities.Length],
                Reasons[(v >> 13) % (uint)Reasons.Length],
                (v >> 16) % 4 == 0 ? null : "wo1"));
            t = t.AddSeconds(1 + ((v >> 18) % 3600));
        }

        var windowStart = Origin.AddMinutes(Math.Abs(Pick(layout, 1) % 240));
        var windowEnd = windowStart.AddMinutes(1 + Math.Abs(Pick(layout, 2) % 2000));
        var window = new TimeRange(windowStart, windowEnd);
        var pri = TimeSpan.FromMilliseconds(100 + Math.Abs(Pick(layout, 3) % 60_000));

        ImmutableArray<TimeRange> operation = default;
        if (Pick(layout, 4) % 2 == 0)
        {
            var shifts = new List<TimeRange>();
            for (var s = Origin; s < windowEnd; s = s.AddHours(12))
            {
                shifts.Add(new TimeRange(s.AddHours(1), s.AddHours(9)));
            }

            operation = [.. shifts];
        }

        var stops = new List<PlannedStop>();
        for (var i = 5; i + 1 < (layout?.Length ?? 0); i += 2)
        {
            var start = Origin.AddMinutes(Math.Abs(layout![i] % 2000));
            stops.Add(new PlannedStop("m1", layout[i + 1] % 3 == 0 ? PlannedStopKind.PlannedMaintenance : PlannedStopKind.Break, start, start.AddMinutes(1 + Math.Abs(layout[i + 1] % 90))));
        }

        var productionCounts = new List<ProductionCount>();
        foreach (var raw in counts ?? [])
        {
            var v = (uint)raw;
            var at = Origin.AddSeconds(v % (2400 * 60));
            productionCounts.Add(new ProductionCount("m1", at, (v >> 4) % 500, (v >> 12) % 20, (v >> 20) % 5, pri, (v >> 25) % 2 == 0 ? "wo1" : null));
        }

        return new GeneratedLog(events, productionCounts, new PlannedTime(operation, [.. stops]), window, pri);
    }

    public StateIntervalLog Log(TimeSpan reorderBound)
    {
        var log = StateIntervalLog.Empty("m1", reorderBound);
        foreach (var e in Events)
        {
            log = log.Append(e).Log;
        }

        return log;
    }

    private static int Pick(int[]? values, int index) => values is not null && index < values.Length ? values[index] : index * 7919;
}
