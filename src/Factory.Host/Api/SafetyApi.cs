using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Domain.Safety;
using Factory.Host.Production;

namespace Factory.Host.Api;

/// <summary>Health and safety: safety stops from e-stop and guard tags, and their summary.</summary>
public static class SafetyApi
{
    public static RouteGroupBuilder MapSafetyApi(this RouteGroupBuilder api)
    {
        api.MapGet("/safety/events", async (DateTimeOffset? from, DateTimeOffset? to, string? machineId, ProductionCatalog catalog, IGrainFactory grains) =>
                catalog.Machine(machineId ?? "") is null && machineId is not null
                    ? CommandResults.NotFound($"machine '{machineId}'")
                    : Results.Ok((await EventsAsync(catalog, grains, machineId, from, to)).OrderByDescending(e => e.Start)))
            .WithTags("Safety").WithSummary("Safety stops (open ones have no end), newest first; ?from, ?to, ?machineId.");
        api.MapGet("/safety/summary", async (DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, IGrainFactory grains, TimeProvider clock) =>
            {
                var now = clock.GetUtcNow();
                var (start, end) = (from ?? now.AddDays(-30), to ?? now);
                if (end <= start)
                {
                    return CommandResults.Invalid("from", "'from' must be before 'to'");
                }

                var stops = await EventsAsync(catalog, grains, null, start, end);
                var summary = SafetySummary.For(new TimeRange(start, end), stops.Select(s => s.ToDomain()), [], now);
                return Results.Ok(new
                {
                    from = start,
                    to = end,
                    summary.SafetyStops,
                    summary.StopsByKind,
                    stoppedSeconds = summary.StoppedTime.TotalSeconds,
                    summary.Incidents,
                    summary.IncidentsBySeverity,
                });
            })
            .WithTags("Safety").WithSummary("Safety stops by kind and stopped time in a window (default: the last 30 days).");
        return api;
    }

    private static async Task<List<SafetyEventView>> EventsAsync(ProductionCatalog catalog, IGrainFactory grains, string? machineId, DateTimeOffset? from, DateTimeOffset? to)
    {
        var machines = machineId is null ? catalog.Machines().Select(m => m.MachineId).ToList() : [machineId];
        return [.. (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).GetSafetyEvents(from, to)))).SelectMany(e => e)];
    }
}
