using System.Security.Claims;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Audit;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;
using Factory.Domain.Limits;

namespace Factory.Host.Api;

/// <summary>ISA-18.2 alarms: live list, history search, acknowledge and shelve (operator actions), analytics, CSV.</summary>
public static class AlarmsApi
{
    public static RouteGroupBuilder MapAlarmsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alarms", async (AlarmState? state, string? machineId, DateTimeOffset? from, DateTimeOffset? to, string? user, ProductionCatalog catalog, IGrainFactory grains) =>
            {
                var machines = Machines(catalog, machineId);
                if (machines is null)
                {
                    return CommandResults.NotFound($"machine '{machineId}'");
                }

                var live = (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).GetAlarms()))).SelectMany(a => a)
                    .Where(a => state is null || a.State == state).OrderByDescending(a => a.StateSince).ToList();
                var history = await HistoryAsync(machines, from, to, grains);
                var found = new AlarmHistoryQuery(from, to, machineId, state, user).Apply(history.Select(e => e.ToDomain()));
                return Results.Ok(new { alarms = live, history = found.Select(AlarmEventView.Of) });
            })
            .WithTags("Alarms").WithSummary("Live alarms (?state, ?machineId) and the matching history (?from, ?to, ?state, ?machineId, ?user), newest first.");
        api.MapGet("/alarms.csv", async (DateTimeOffset? from, DateTimeOffset? to, string? machineId, string? user, ProductionCatalog catalog, IGrainFactory grains) =>
            {
                var machines = Machines(catalog, machineId);
                if (machines is null)
                {
                    return CommandResults.NotFound($"machine '{machineId}'");
                }

                var history = (await HistoryAsync(machines, from, to, grains)).Select(e => e.ToDomain());
                return Results.Text(CsvExport.AlarmHistory(new AlarmHistoryQuery(from, to, machineId, null, user, Limit: 100_000).Apply(history).Reverse()), "text/csv");
            })
            .WithTags("Alarms").WithSummary("Alarm history as CSV.");
        api.MapGet("/alarms/analytics", async (DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, IGrainFactory grains, PlantClock clock) =>
            {
                var now = clock.GetUtcNow();
                var (window, problem) = QueryWindow.Of(from, to, TimeSpan.FromDays(1), QueryWindow.Log, now);
                if (window is null)
                {
                    return CommandResults.Invalid("from", problem!);
                }

                var (start, end) = (window.From, window.To);

                var machines = catalog.Machines().Select(m => m.MachineId).ToList();
                var history = (await HistoryAsync(machines, start, end, grains)).Select(e => e.ToDomain()).ToList();
                var alarms = (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).GetAlarms()))).SelectMany(a => a).ToList();
                var definitions = catalog.Machines().SelectMany(m => m.Alarms).ToDictionary(d => d.Id, d => d.ToDomain());
                var stale = AlarmAnalytics.Stale(alarms.Select(a => ToDomain(a, definitions[a.Id])), now);
                return Results.Ok(new
                {
                    from = start,
                    to = end,
                    ratePerHour = AlarmAnalytics.RatePerHour(history, start, end),
                    floods = AlarmAnalytics.Floods(history),
                    chattering = AlarmAnalytics.Chattering(history, null, definitions),
                    stale = stale.Select(AlarmView.From),
                });
            })
            .WithTags("Alarms").WithSummary("Alarm rates per hour, floods, chattering and stale alarms in a window (default: the last 24 h).");
        api.MapPost("/alarms/{id}/acknowledge", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                Command(id, catalog, grains, user, g => g.Acknowledge(id, AuditFilter.Who(user), request?.Comment)))
            .Audited("alarm.acknowledge")
            .WithTags("Alarms").WithSummary("Acknowledges an alarm as the signed-in user (operators and managers).");
        api.MapPost("/alarms/{id}/shelve", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                request is null || string.IsNullOrWhiteSpace(request.Reason) || request.Until is null
                    ? Task.FromResult(CommandResults.Invalid("reason", "shelving needs a reason and an end time ('until')"))
                    : Command(id, catalog, grains, user, g => g.Shelve(id, AuditFilter.Who(user), request.Reason, request.Until.Value)))
            .Audited("alarm.shelve")
            .WithTags("Alarms").WithSummary("Shelves an alarm with a reason until a time (at most the alarm's limit); unshelved automatically then.");
        api.MapPost("/alarms/{id}/unshelve", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                Command(id, catalog, grains, user, g => g.Unshelve(id, AuditFilter.Who(user), request?.Comment)))
            .Audited("alarm.unshelve")
            .WithTags("Alarms").WithSummary("Lifts a shelf by hand.");
        api.MapPost("/alarms/{id}/reset", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                Command(id, catalog, grains, user, g => g.Reset(id, AuditFilter.Who(user), request?.Comment)))
            .Audited("alarm.reset")
            .WithTags("Alarms").WithSummary("Resets a latched alarm (condition clear, acknowledged) as the signed-in user; 409 when it is not latched.");
        api.MapPost("/alarms/{id}/suppress", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                string.IsNullOrWhiteSpace(request?.Reason)
                    ? Task.FromResult(CommandResults.Invalid("reason", "suppressing needs a reason"))
                    : Command(id, catalog, grains, user, g => g.Suppress(id, AuditFilter.Who(user), request.Reason)))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("alarm.suppress")
            .WithTags("Alarms").WithSummary("Suppresses an alarm by design with a reason (managers); 409 when it is suppressed or out of service already.");
        api.MapPost("/alarms/{id}/unsuppress", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                Command(id, catalog, grains, user, g => g.Unsuppress(id, AuditFilter.Who(user), request?.Comment)))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("alarm.unsuppress")
            .WithTags("Alarms").WithSummary("Ends a suppression (managers); 409 when the alarm is not suppressed.");
        api.MapPost("/alarms/{id}/out-of-service", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                string.IsNullOrWhiteSpace(request?.Reason)
                    ? Task.FromResult(CommandResults.Invalid("reason", "removing an alarm from service needs a reason"))
                    : Command(id, catalog, grains, user, g => g.RemoveFromService(id, AuditFilter.Who(user), request.Reason)))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("alarm.out-of-service")
            .WithTags("Alarms").WithSummary("Removes an alarm from service with a reason (managers); 409 when it is out of service already.");
        api.MapPost("/alarms/{id}/return-to-service", (string id, AlarmCommandRequest? request, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user) =>
                Command(id, catalog, grains, user, g => g.ReturnToService(id, AuditFilter.Who(user), request?.Comment)))
            .RequireAuthorization(FactoryRoles.ManagePolicy).Audited("alarm.return-to-service")
            .WithTags("Alarms").WithSummary("Returns an alarm to service (managers); 409 when it is not out of service.");
        return api;
    }

    private static List<string>? Machines(ProductionCatalog catalog, string? machineId) =>
        machineId is null ? [.. catalog.Machines().Select(m => m.MachineId)]
        : catalog.Machine(machineId) is null ? null : [machineId];

    private static async Task<List<AlarmEventView>> HistoryAsync(IEnumerable<string> machines, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains) =>
        [.. (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).GetAlarmHistory(from, to)))).SelectMany(h => h)];

    private static async Task<IResult> Command(string alarmId, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user, Func<IMachineLogGrain, Task<CommandResult>> command)
    {
        if (catalog.MachineOfAlarm(alarmId) is not { } machine)
        {
            return CommandResults.NotFound($"alarm '{alarmId}'");
        }

        if (!MachineAccess.MayActOn(user, machine))
        {
            return MachineAccess.Forbidden(machine);
        }

        var grain = grains.GetGrain<IMachineLogGrain>(machine);
        var result = await command(grain);
        return result.Accepted ? Results.Ok((await grain.GetAlarms()).Single(a => a.Id == alarmId)) : result.ToHttp();
    }

    private static Alarm ToDomain(AlarmView a, AlarmDefinition definition) =>
        new(definition, a.State, a.ConditionActive, a.ActiveSince, a.StateSince, a.ShelvedUntil, a.ShelvedBy, a.ShelveReason, a.Version);
}
