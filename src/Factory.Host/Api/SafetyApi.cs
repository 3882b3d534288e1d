using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Domain.Safety;
using System.Security.Claims;
using Factory.Host.Audit;
using Factory.Host.Plant;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary>Health and safety: safety stops from e-stop and guard tags, and their summary.</summary>
public static class SafetyApi
{
    public static RouteGroupBuilder MapSafetyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/safety/events", SafetyEvents)
            .WithTags("Safety").WithSummary("Safety stops (open ones have no end), newest first; ?from, ?to, ?machineId.");
        api.MapGet("/safety/summary", SummarizeSafety)
            .WithTags("Safety").WithSummary("Safety stops by kind, stopped time and incidents by severity in a window (default: the last 30 days).");
        api.MapGet("/safety/incidents", ListIncidents)
            .WithTags("Safety").WithSummary("Recorded incidents, oldest first.");
        api.MapPost("/safety/incidents", RecordIncident)
            .Audited("safety.incident")
            .WithTags("Safety").WithSummary("Records an incident against a machine, a line or a worker (any signed-in user).");
        return api;
    }

    private static async Task<IResult> RecordIncident(IncidentRequest request, ProductionCatalog catalog, PlantQueries plant, IGrainFactory grains, PlantClock clock, ClaimsPrincipal user)
    {
        if (request.Subject is not { } subject || string.IsNullOrWhiteSpace(request.SubjectId) || request.Severity is not { } severity)
        {
            return CommandResults.Invalid("subject", "subject (Machine, Line, Worker), subjectId and severity are required");
        }

        var site = subject switch
        {
            IncidentSubject.Machine => catalog.Machine(request.SubjectId)?.SiteId,
            IncidentSubject.Line => catalog.Machines(lineId: request.SubjectId).FirstOrDefault()?.SiteId,
            IncidentSubject.Worker => (await plant.WorkerAsync(request.SubjectId))?.SiteId,
            _ => null,
        };
        if (site is null)
        {
            return CommandResults.NotFound($"{subject.ToString().ToLowerInvariant()} '{request.SubjectId}'");
        }

        var incident = new IncidentView(
            string.IsNullOrWhiteSpace(request.Id) ? Guid.NewGuid().ToString("N") : request.Id, subject, request.SubjectId, severity,
            request.Description ?? "", AuditFilter.Who(user), request.At ?? clock.GetUtcNow());
        var result = await grains.GetGrain<IIncidentLogGrain>(site).Record(incident);
        return result.ToHttp(incident);
    }

    private static async Task<List<IncidentView>> IncidentsAsync(ProductionCatalog catalog, IGrainFactory grains, DateTimeOffset? from, DateTimeOffset? to) =>
        [.. (await Task.WhenAll(catalog.Sites.Select(s => grains.GetGrain<IIncidentLogGrain>(s.SiteId).Get(from, to)))).SelectMany(i => i)];

    private static async Task<List<SafetyEventView>> EventsAsync(ProductionCatalog catalog, IGrainFactory grains, string? machineId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var machines = machineId is null ? catalog.Machines().Select(m => m.MachineId).ToList() : [machineId];
        return [.. (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineAlarmsGrain>(m).GetSafetyEvents(from, to)))).SelectMany(e => e)];
    }

    private static async Task<IResult> SafetyEvents(DateTimeOffset? from, DateTimeOffset? to, string? machineId, ProductionCatalog catalog, IGrainFactory grains) =>
        catalog.Machine(machineId ?? "") is null && machineId is not null
            ? CommandResults.NotFound($"machine '{machineId}'")
            : TypedResults.Ok((await EventsAsync(catalog, grains, machineId, from, to)).OrderByDescending(e => e.Start));

    private static async Task<IResult> SummarizeSafety(DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, IGrainFactory grains, PlantClock clock)
    {
        var now = clock.GetUtcNow();
        var (start, end) = (from ?? now.AddDays(-30), to ?? now);
        if (end <= start)
        {
            return CommandResults.Invalid("from", "'from' must be before 'to'");
        }

        var stops = await EventsAsync(catalog, grains, null, start, end);
        var incidents = await IncidentsAsync(catalog, grains, start, end);
        var summary = SafetySummary.For(new TimeRange(start, end), stops.Select(s => s.ToDomain()), incidents.Select(i => i.ToDomain()), now);
        return TypedResults.Ok(new
        {
            from = start,
            to = end,
            summary.SafetyStops,
            summary.StopsByKind,
            stoppedSeconds = summary.StoppedTime.TotalSeconds,
            summary.Incidents,
            summary.IncidentsBySeverity,
        });
    }

    private static async Task<IResult> ListIncidents(DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, IGrainFactory grains) =>
        TypedResults.Ok(await IncidentsAsync(catalog, grains, from, to));
}
