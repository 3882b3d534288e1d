using Factory.Contracts.Production;
using Factory.Domain.Calendars;
using Factory.Domain.Limits;
using Factory.Domain.Oee;
using Factory.Grains;

namespace Factory.Host.Production;

/// <summary>
/// KPIs of any entity and window, computed by the domain (<see cref="OeeCalculator"/>, <see cref="ShiftKpis"/>) from
/// the machine logs, the site's calendar, classification and reason tree. The live hub figures come from here too.
/// Windows are clipped at now: time that has not happened yet is not Unknown time.
/// </summary>
public sealed class KpiQueries(IGrainFactory grains, ProductionCatalog catalog, PlantClock clock)
{
    /// <summary>Longest window one query may cover.</summary>
    public static readonly TimeSpan MaxWindow = QueryWindow.Rollup;

    /// <summary>
    /// Why a window may not be queried (the one <see cref="QueryWindow"/> policy with <see cref="MaxWindow"/>), or null when it may.
    /// </summary>
    public static Refusal? WindowRefusal(DateTimeOffset from, DateTimeOffset to) =>
        QueryWindow.Problem(from, to, MaxWindow) is { } problem ? Refusal.Invalid(problem) : null;

    /// <summary>The KPI rows (one, or one per shift), or a refusal.</summary>
    public async Task<(IReadOnlyList<KpiView>? Rows, Refusal? Refusal)> QueryAsync(KpiQuery query)
    {
        if (WindowRefusal(query.From, query.To) is { } refusal)
        {
            return (null, refusal);
        }

        var now = clock.GetUtcNow();
        var end = query.To < now ? query.To : now;
        var window = new TimeRange(query.From, end < query.From ? query.From : end);
        var entity = (query.Entity ?? "").ToLowerInvariant();
        var id = query.Id ?? "";
        if (entity == "workorder")
        {
            var all = catalog.Machines().ToList();
            var rows = new List<KpiView>();
            var parts = new List<ProductionKpis>();
            foreach (var site in all.GroupBy(m => m.SiteId))
            {
                var config = catalog.Site(site.Key)!;
                var (intervals, counts, stops) = await LoadAsync([.. site], window, now);
                parts.Add(OeeCalculator.ComputeMany(site.Select(m => m.MachineId), intervals, counts,
                    m => config.PlannedFor(window, m, stops[m]), window, config.Classification, config.Reasons, workOrderId: id));
            }

            var sum = ProductionKpis.Sum(parts);
            return sum.Output.Produced == 0 && sum.Time.Pot == TimeSpan.Zero && sum.Time.Apt == TimeSpan.Zero
                ? (null, Refusal.NotFound($"work order '{id}' has no production recorded in the window"))
                : ([KpiView.Of("workorder", id, window, sum)], null);
        }

        var machines = entity switch
        {
            "machine" => catalog.Machine(id) is { } m ? [m] : [],
            "line" => catalog.Machines(lineId: id).ToList(),
            "site" => catalog.Machines(siteId: id).ToList(),
            "shift" => catalog.Machine(id) is { } m ? [m] : catalog.Machines(lineId: id).Concat(catalog.Machines(siteId: id)).ToList(),
            _ => null,
        };
        if (machines is null)
        {
            return (null, Refusal.Invalid($"entity must be machine, line, site, shift or workorder, not '{query.Entity}'"));
        }

        if (machines.Count == 0)
        {
            return (null, Refusal.NotFound($"{entity} '{id}' does not exist"));
        }

        var production = catalog.Site(machines[0].SiteId)!;
        var (ivs, cts, stp) = await LoadAsync(machines, window, now);
        if (entity != "shift")
        {
            var kpis = OeeCalculator.ComputeMany(machines.Select(m => m.MachineId), ivs, cts,
                m => production.PlannedFor(window, m, stp[m]), window, production.Classification, production.Reasons);
            // The line's output is its last stage's (LineThroughput, as the line grain counts it); a site's, its lines'.
            ImmutableArray<string> counted = entity == "machine" ? [id] : [];
            foreach (var lineId in entity == "machine" ? [] : machines.Select(m => m.LineId).Distinct(StringComparer.Ordinal))
            {
                counted = counted.AddRange((await grains.GetGrain<ILineGrain>(lineId).GetView())?.OutputMachineIds is { IsDefault: false } stage ? stage : []);
            }

            counted = [.. counted.Where(stp.ContainsKey)];
            var good = OeeCalculator.ComputeMany(counted, ivs, cts, m => production.PlannedFor(window, m, stp[m]), window,
                production.Classification, production.Reasons).Output.Good;
            return ([KpiView.Of(entity, id, window, kpis) with { GoodPerHour = LineThroughput.GoodPerHour(good, window.Duration), GoodPerHourOf = counted }], null);
        }

        if (production.Calendar is null)
        {
            return (null, Refusal.Conflict($"site '{production.SiteId}' has no shift calendar"));
        }

        var shiftRows = machines
            .SelectMany(m => ShiftKpis.ForMachine(production.Calendar, window, m.MachineId, ivs, cts, production.Classification, production.Reasons, stp[m.MachineId]))
            .GroupBy(r => (Shift: r.EntityId[..r.EntityId.LastIndexOf('/')], r.Window))
            .OrderBy(g => g.Key.Window.Start)
            .Select(g => KpiView.Of("shift", $"{g.Key.Shift}/{id}", g.Key.Window, ProductionKpis.Sum(g.Select(r => r.Kpis))))
            .ToList();
        return (shiftRows, null);
    }

    /// <summary>The running window of a site for live figures: the current shift, else the current UTC day.</summary>
    public TimeRange LiveWindow(string siteId)
    {
        // The shift first, then now: the window can never start after it ends, even at a shift change.
        var shift = CurrentShift(siteId);
        var now = clock.GetUtcNow();
        return new TimeRange(shift?.Start ?? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero), now);
    }

    /// <summary>
    /// The window of a query that names no <c>from</c>/<c>to</c>: the current shift of the entity's site so far (else the
    /// UTC day so far), what a supervisor asking "how are we doing" means.
    /// </summary>
    public TimeRange DefaultWindow(string entity, string id)
    {
        var siteId = entity.ToLowerInvariant() switch
        {
            "site" => id,
            "machine" => catalog.Machine(id)?.SiteId,
            "line" or "shift" => catalog.Machines(lineId: id).FirstOrDefault()?.SiteId ?? catalog.Machine(id)?.SiteId ?? id,
            _ => catalog.Machines().FirstOrDefault()?.SiteId,
        };
        return LiveWindow(siteId ?? string.Empty);
    }

    /// <summary>
    /// The shift running now at a site from its calendar (name, start, end, time zone); without a calendar or
    /// outside every shift, the current UTC day, as for the live KPIs.
    /// </summary>
    public CurrentShift? CurrentShift(string siteId)
    {
        if (catalog.Site(siteId) is not { } site)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        if (site.Calendar?.ShiftAt(now) is { } shift)
        {
            return new CurrentShift(siteId, shift.ShiftName, shift.Id, shift.Start, shift.End, site.Calendar.TimeZoneId, true);
        }

        var midnight = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return new CurrentShift(siteId, site.Calendar is null ? "Day" : "No shift", $"Day@{midnight:yyyy-MM-dd}", midnight, midnight.AddDays(1), site.Calendar?.TimeZoneId ?? "UTC", false);
    }

    /// <summary>
    /// The lost-time stretches (ADOT, ADET, ASUT) of a machine, line or site in a window, classified as the KPIs
    /// classify them, newest first, and their Pareto by reason.
    /// </summary>
    public async Task<(IReadOnlyList<DowntimeStop>? Stops, IReadOnlyList<DowntimeParetoRow>? Pareto, TimeRange Window, Refusal? Refusal)> DowntimeAsync(KpiQuery query)
    {
        if (WindowRefusal(query.From, query.To) is { } refusal)
        {
            return (null, null, default, refusal);
        }

        var id = query.Id ?? "";
        var machines = (query.Entity ?? "").ToLowerInvariant() switch
        {
            "machine" => catalog.Machine(id) is { } m ? [m] : [],
            "line" => catalog.Machines(lineId: id).ToList(),
            "site" => catalog.Machines(siteId: id).ToList(),
            _ => null,
        };
        if (machines is null)
        {
            return (null, null, default, Refusal.Invalid($"entity must be machine, line or site, not '{query.Entity}'"));
        }

        if (machines.Count == 0)
        {
            return (null, null, default, Refusal.NotFound($"{query.Entity} '{id}' does not exist"));
        }

        var now = clock.GetUtcNow();
        var end = query.To < now ? query.To : now;
        var window = new TimeRange(query.From, end < query.From ? query.From : end);
        var production = catalog.Site(machines[0].SiteId)!;
        var (intervals, _, stops) = await LoadAsync(machines, window, now);
        var found = machines
            .SelectMany(m => ActingStateMerge.Apply(DowntimeAnalysis.Stops(m.MachineId, intervals, production.PlannedFor(window, m.MachineId, stops[m.MachineId]), window, production.Classification, production.Reasons)))
            .OrderByDescending(s => s.Start)
            .ToList();
        return (found, DowntimeAnalysis.Pareto(found, production.Reasons), window, null);
    }

    /// <summary>
    /// The alarm that came with each stop (<see cref="StopAlarm.Of"/>), in the stops' order: what a corrective order made
    /// from the stop links to. Each machine's alarm history is read once, over the stops' span.
    /// </summary>
    public async Task<IReadOnlyList<string?>> StopAlarmsAsync(IReadOnlyList<DowntimeStop> stops)
    {
        ArgumentNullException.ThrowIfNull(stops);
        var histories = new Dictionary<string, List<Factory.Domain.Alarms.AlarmEvent>>(StringComparer.Ordinal);
        foreach (var machine in stops.GroupBy(s => s.MachineId, StringComparer.Ordinal))
        {
            var from = machine.Min(s => s.IntervalStart) - StopAlarm.Before;
            var to = machine.Max(s => s.IntervalStart) + StopAlarm.After;
            var history = await grains.GetGrain<IMachineAlarmsGrain>(machine.Key).GetAlarmHistory(from, to);
            histories[machine.Key] = [.. history.Select(e => e.ToDomain())];
        }

        return [.. stops.Select(s => StopAlarm.Of(s.MachineId, s.IntervalStart, histories[s.MachineId]))];
    }

    /// <summary>
    /// One machine's figures for a review of [<paramref name="from"/>, <paramref name="to"/>) clipped at now, from one read of
    /// its log: the KPIs of the whole window, of each UTC day in it (the MTBF/MTTR trend), and its lost-time stops as
    /// <see cref="DowntimeAsync"/> finds them. The window must have passed <see cref="WindowRefusal"/>.
    /// </summary>
    public async Task<MachineReviewFigures> MachineReviewAsync(MachineLogSettings machine, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(machine);
        var now = clock.GetUtcNow();
        var end = to < now ? to : now;
        var window = new TimeRange(from, end < from ? from : end);
        var production = catalog.Site(machine.SiteId)!;
        var (intervals, counts, stops) = await LoadAsync([machine], window, now);
        ProductionKpis Kpis(TimeRange range) => OeeCalculator.Compute(machine.MachineId, intervals, counts,
            production.PlannedFor(range, machine.MachineId, stops[machine.MachineId]), range, production.Classification, production.Reasons);
        var lost = ActingStateMerge.Apply(DowntimeAnalysis.Stops(machine.MachineId, intervals,
            production.PlannedFor(window, machine.MachineId, stops[machine.MachineId]), window, production.Classification, production.Reasons));
        return new MachineReviewFigures(window, Kpis(window), [.. window.UtcDays().Select(d => new KpiRow("machine", machine.MachineId, d, Kpis(d)))],
            [.. lost], production.Reasons);
    }

    private async Task<(List<StateInterval> Intervals, List<ProductionCount> Counts, Dictionary<string, List<PlannedStop>> Stops)> LoadAsync(
        IReadOnlyCollection<MachineLogSettings> machines, TimeRange window, DateTimeOffset now)
    {
        var logs = await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m.MachineId).GetLog(window.Start, window.End)));
        var intervals = new List<StateInterval>();
        var counts = new List<ProductionCount>();
        var stops = new Dictionary<string, List<PlannedStop>>(StringComparer.Ordinal);
        foreach (var log in logs)
        {
            intervals.AddRange(log.Intervals(window.End > now ? now : window.End));

            counts.AddRange(log.Counts.Select(c => c.ToDomain(log.MachineId)));
            stops[log.MachineId] = [.. log.Stops.Select(s => s.ToDomain())];
        }

        return (intervals, counts, stops);
    }
}
