using System.Globalization;
using Factory.Contracts.Production;
using Factory.Domain.Audit;
using Factory.Domain.Oee;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>Machine events, planned stops, KPIs and downtime reasons (ISO 22400).</summary>
public static class ProductionApi
{
    public static RouteGroupBuilder MapProductionApi(this RouteGroupBuilder api)
    {
        var (reads, changes) = api.Area("Production", FactoryRoles.ManagePolicy);
        changes.MapPost("/machines/{id}/events", PostEvents).Audited("machine.events")
            .WithSummary("State changes, counts and tag values with their own timestamps (sources without OPC UA, backfill).");
        changes.MapPost("/machines/{id}/planned-stops", AddMachineStop).Audited("plannedstop.machine")
            .WithSummary("Records a planned stop (break, planned maintenance) for a machine.");
        changes.MapPost("/lines/{id}/planned-stops", AddLineStop).Audited("plannedstop.line")
            .WithSummary("Records a planned stop for every machine of a line.");
        reads.MapGet("/machines/{id}/planned-stops", ListStops)
            .WithSummary("The machine's planned stops (its own, its line's and its site's), in start order, each with its stopId.");
        changes.MapDelete("/machines/{id}/planned-stops/{stopId}", DeleteMachineStop).Audited("plannedstop.machine.delete")
            .WithSummary("Deletes a planned stop of a machine.");
        changes.MapDelete("/lines/{id}/planned-stops/{stopId}", DeleteLineStop).Audited("plannedstop.line.delete")
            .WithSummary("Deletes a line's planned stop from every machine of the line.");
        reads.MapGet("/kpis", GetKpis)
            .WithSummary("ISO 22400 time elements and KPIs: ?entity=machine|line|site|shift|workorder&id=&from=&to= (without from/to: the current shift so far).");
        reads.MapGet("/kpis.csv", KpisCsv)
            .WithSummary("The same query as CSV.");
        reads.MapGet("/sites/{id}/shifts/current", CurrentShift)
            .WithSummary("The shift running now, from the site's shift calendar in its time zone (else the current UTC day).");
        reads.MapGet("/downtime", GetDowntime)
            .WithSummary("Lost time (ADOT, ADET, ASUT) of a machine, line or site in a window: each stop with its reason and the alarm that came with it, and the Pareto by reason.");
        reads.MapGet("/sites/{id}/downtime-reasons", DowntimeReasons)
            .WithSummary("The site's downtime reason tree (code, name, parent, category, PLC code).");
        reads.MapPost("/machines/{id}/downtime/{intervalStart}/reason", AttachReason)
            .Audited("downtime.reason")
            .WithSummary("Attaches a reason from the tree to the down-time interval starting at {intervalStart} (ISO 8601); operators on their own machines only.")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return api;
    }

    private static async Task<IResult> PostEvents(string id, MachineEventsRequest request, ProductionCatalog catalog, IGrainFactory grains)
    {
        if (catalog.Machine(id) is null)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        if (request.Events is not { IsDefaultOrEmpty: false } events)
        {
            return CommandResults.Invalid("events", "at least one event is required");
        }

        var reasons = catalog.Site(catalog.Machine(id)!.SiteId)!.Reasons;
        if (events.FirstOrDefault(e => e?.ReasonCode is { } code && reasons.Find(code) is null) is { } unknown)
        {
            return CommandResults.Invalid("reasonCode", $"'{unknown.ReasonCode}' is not in the site's reason tree");
        }

        var result = await grains.GetGrain<IMachineLogGrain>(id).Post(events);
        return result.ToHttp(new { accepted = events.Length, version = result.Version });
    }

    private static async Task<IResult> AddStop(string[] machines, string scope, string what, PlannedStopRequest request, IGrainFactory grains)
    {
        if (machines.Length == 0)
        {
            return CommandResults.NotFound(what);
        }

        if (request.Start is not { } start || request.End is not { } end)
        {
            return CommandResults.Invalid("start", "start and end are required");
        }

        var stop = new PlannedStopView(scope, request.Kind ?? PlannedStopKind.Break, start, end, request.Note);
        if (stop.ToDomain().Validate() is { Count: > 0 } problems)
        {
            return CommandResults.Invalid("end", string.Join("; ", problems));
        }

        var results = await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).AddPlannedStop(stop)));
        return results.FirstOrDefault(r => !r.Accepted) is { } refused ? refused.ToHttp() : TypedResults.Ok(stop);
    }

    private static async Task<IResult> ListStops(string id, ProductionCatalog catalog, IGrainFactory grains) =>
        catalog.Machine(id) is null
            ? CommandResults.NotFound($"machine '{id}'")
            : TypedResults.Ok(await grains.GetGrain<IMachineLogGrain>(id).GetPlannedStops());

    private static Task<IResult> DeleteMachineStop(string id, string stopId, ProductionCatalog catalog, IGrainFactory grains) =>
        RemoveStop(catalog.Machine(id) is null ? [] : [id], $"machine '{id}'", stopId, grains);

    private static Task<IResult> DeleteLineStop(string id, string stopId, ProductionCatalog catalog, IGrainFactory grains) =>
        RemoveStop([.. catalog.Machines(lineId: id).Select(m => m.MachineId)], $"line '{id}'", stopId, grains);

    // A line's stop is recorded on each of its machines; it is gone when no machine keeps it.
    private static async Task<IResult> RemoveStop(string[] machines, string what, string stopId, IGrainFactory grains)
    {
        if (machines.Length == 0)
        {
            return CommandResults.NotFound(what);
        }

        var results = await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).RemovePlannedStop(stopId)));
        return results.Any(r => r.Accepted)
            ? TypedResults.Ok(new { stopId, removedFrom = results.Count(r => r.Accepted) })
            : CommandResults.NotFound($"planned stop '{stopId}' of {what}");
    }

    private static async Task<IResult> Kpis(string? entity, string? id, DateTimeOffset? from, DateTimeOffset? to, KpiQueries kpis, Func<IReadOnlyList<KpiView>, IResult> answer)
    {
        if (string.IsNullOrWhiteSpace(entity) || string.IsNullOrWhiteSpace(id))
        {
            return CommandResults.Invalid("query", "entity (machine, line, site, shift or workorder) and id are required");
        }

        if (from is null || to is null)
        {
            var window = kpis.DefaultWindow(entity, id);
            from ??= window.Start;
            to ??= window.End > from ? window.End : from.Value.AddSeconds(1);
        }

        var (rows, refusal) = await kpis.QueryAsync(new KpiQuery(entity, id, from.Value, to.Value));
        return refusal is not null ? CommandResults.Refused(refusal.Kind, refusal.Reason) : answer(rows!);
    }

    private static string KpiCsv(IReadOnlyList<KpiView> rows)
    {
        static string? N(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);
        return CsvExport.Table(
            ["entity", "id", "from", "to", "pot_s", "pdot_s", "pbt_s", "apt_s", "adot_s", "adet_s", "asut_s", "apmt_s", "unknown_s",
             "availability", "effectiveness", "quality_ratio", "oee", "technical_efficiency", "scrap_ratio", "rework_ratio",
             "mtbf_s", "mttr_s", "throughput_per_hour", "produced", "good", "scrap", "rework", "failures"],
            rows.Select(r => new[]
            {
                r.Entity, r.Id, r.From.ToString("O", CultureInfo.InvariantCulture), r.To.ToString("O", CultureInfo.InvariantCulture),
                N(r.Time.Pot), N(r.Time.Pdot), N(r.Time.Pbt), N(r.Time.Apt), N(r.Time.Adot), N(r.Time.Adet), N(r.Time.Asut), N(r.Time.Apmt), N(r.Time.Unknown),
                N(r.Availability), N(r.Effectiveness), N(r.QualityRatio), N(r.Oee), N(r.TechnicalEfficiency), N(r.ScrapRatio), N(r.ReworkRatio),
                N(r.MtbfSeconds), N(r.MttrSeconds), N(r.ThroughputPerHour),
                r.Produced.ToString(CultureInfo.InvariantCulture), r.Good.ToString(CultureInfo.InvariantCulture),
                r.Scrap.ToString(CultureInfo.InvariantCulture), r.Rework.ToString(CultureInfo.InvariantCulture), r.Failures.ToString(CultureInfo.InvariantCulture),
            }));
    }

    private static async Task<IResult> AttachReason(string id, string intervalStart, DowntimeReasonRequest request, ProductionCatalog catalog, IGrainFactory grains,
        System.Security.Claims.ClaimsPrincipal user)
    {
        if (!MachineAccess.MayActOn(user, id))
        {
            return MachineAccess.Forbidden(id);
        }

        if (catalog.Machine(id) is not { } machine)
        {
            return CommandResults.NotFound($"machine '{id}'");
        }

        if (!DateTimeOffset.TryParse(intervalStart, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return CommandResults.Invalid("intervalStart", $"'{intervalStart}' is not an ISO 8601 time");
        }

        var site = catalog.Site(machine.SiteId)!;
        if (string.IsNullOrWhiteSpace(request.Code) || site.Reasons.Find(request.Code) is not { } reason)
        {
            return CommandResults.Invalid("code", $"'{request.Code}' is not in the reason tree of site '{machine.SiteId}'");
        }

        var result = await grains.GetGrain<IMachineLogGrain>(id).AttachReason(start, reason.Code);
        return result.ToHttp(new { machineId = id, intervalStart = start, reason });
    }

    private static Task<IResult> AddMachineStop(string id, PlannedStopRequest request, ProductionCatalog catalog, IGrainFactory grains) =>
        AddStop(catalog.Machine(id) is null ? [] : [id], id, $"machine '{id}'", request, grains);

    private static Task<IResult> AddLineStop(string id, PlannedStopRequest request, ProductionCatalog catalog, IGrainFactory grains) =>
        AddStop([.. catalog.Machines(lineId: id).Select(m => m.MachineId)], id, $"line '{id}'", request, grains);

    private static async Task<IResult> GetKpis(string? entity, string? id, DateTimeOffset? from, DateTimeOffset? to, KpiQueries kpis) =>
        await Kpis(entity, id, from, to, kpis, rows => TypedResults.Ok(rows));

    private static async Task<IResult> KpisCsv(string? entity, string? id, DateTimeOffset? from, DateTimeOffset? to, KpiQueries kpis) =>
        await Kpis(entity, id, from, to, kpis, rows => TypedResults.Text(KpiCsv(rows), "text/csv"));

    private static IResult CurrentShift(string id, KpiQueries kpis) =>
        kpis.CurrentShift(id) is { } shift ? TypedResults.Ok(shift) : CommandResults.NotFound($"site '{id}'");

    private static async Task<IResult> GetDowntime(string? entity, string? id, DateTimeOffset? from, DateTimeOffset? to, KpiQueries kpis)
    {
        if (string.IsNullOrWhiteSpace(entity) || string.IsNullOrWhiteSpace(id) || from is null || to is null)
        {
            return CommandResults.Invalid("query", "entity, id, from and to are required");
        }

        var (stops, pareto, window, refusal) = await kpis.DowntimeAsync(new KpiQuery(entity, id, from.Value, to.Value));
        if (refusal is not null)
        {
            return CommandResults.Refused(refusal.Kind, refusal.Reason);
        }

        var alarms = await kpis.StopAlarmsAsync(stops!);
        return TypedResults.Ok(new
        {
            entity,
            id,
            from = window.Start,
            to = window.End,
            lostSeconds = stops!.Sum(s => s.Duration.TotalSeconds),
            pareto = pareto!.Select(p => new { p.ReasonCode, p.ReasonName, p.Category, lostSeconds = p.Lost.TotalSeconds, p.Stops, p.Share, p.CumulativeShare }),
            stops = stops!.Select((s, i) => new
            {
                s.MachineId, s.IntervalStart, s.Start, s.End, seconds = s.Duration.TotalSeconds, s.State, s.Element, s.ReasonCode, s.Unexplained,
                alarmId = alarms[i],
            }),
        });
    }

    private static IResult DowntimeReasons(string id, ProductionCatalog catalog) =>
        catalog.Site(id) is { } site ? TypedResults.Ok(site.Reasons.Reasons) : CommandResults.NotFound($"site '{id}'");
}
