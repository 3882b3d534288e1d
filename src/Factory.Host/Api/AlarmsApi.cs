using System.Security.Claims;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Domain.Audit;
using Factory.Host.Alarms;
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
        api.MapGet("/alarms", ListAlarms)
            .WithTags("Alarms").WithSummary("Live alarms (?state, ?machineId) and the matching history (?from, ?to, ?state, ?machineId, ?user), newest first.");
        api.MapGet("/alarms.csv", AlarmHistoryCsv)
            .WithTags("Alarms").WithSummary("Alarm history as CSV.");
        api.MapGet("/alarms/analytics", AnalyzeAlarms)
            .WithTags("Alarms").WithSummary("Alarm rates per hour, floods, chattering and stale alarms in a window (default: the last 24 h).");
        foreach (var action in AlarmCommand.All)
        {
            var endpoint = api.MapPost($"/alarms/{{id}}/{action.Route}", Command(action))
                .Audited(action.AuditAction)
                .WithTags("Alarms").WithSummary(action.Summary);
            if (action.ManagersOnly)
            {
                endpoint.RequireAuthorization(FactoryRoles.ManagePolicy);
            }
        }

        return api;
    }

    private static List<string>? Machines(ProductionCatalog catalog, string? machineId) =>
        machineId is null ? [.. catalog.Machines().Select(m => m.MachineId)]
        : catalog.Machine(machineId) is null ? null : [machineId];

    private static async Task<List<AlarmEventView>> HistoryAsync(IEnumerable<string> machines, DateTimeOffset? from, DateTimeOffset? to, IGrainFactory grains) =>
        [.. (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineAlarmsGrain>(m).GetAlarmHistory(from, to)))).SelectMany(h => h)];

    // One handler per command, all through AlarmCommands (the hub runs the same).
    private static Func<string, AlarmCommandRequest?, AlarmCommands, ClaimsPrincipal, Task<IResult>> Command(AlarmCommand action) =>
        async (id, request, commands, user) => await commands.RunAsync(action, id, user, request) switch
        {
            { Alarm: { } alarm } => TypedResults.Ok(alarm),
            { Forbidden: true } refused => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: refused.Reason),
            { Field: { } field } refused => CommandResults.Invalid(field, refused.Reason!),
            var refused => CommandResults.Refused(refused.Refused ?? RefusalKind.Conflict, refused.Reason ?? "refused"),
        };

    private static Alarm ToDomain(AlarmView a, AlarmDefinition definition) =>
        new(definition, a.State, a.ConditionActive, a.ActiveSince, a.StateSince, a.ShelvedUntil, a.ShelvedBy, a.ShelveReason, a.Version);

    private static async Task<IResult> ListAlarms(AlarmState? state, string? machineId, DateTimeOffset? from, DateTimeOffset? to, string? user, ProductionCatalog catalog, IGrainFactory grains)
    {
        var machines = Machines(catalog, machineId);
        if (machines is null)
        {
            return CommandResults.NotFound($"machine '{machineId}'");
        }

        var live = (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineAlarmsGrain>(m).GetAlarms()))).SelectMany(a => a)
            .Where(a => state is null || a.State == state).OrderByDescending(a => a.StateSince).ToList();
        var history = await HistoryAsync(machines, from, to, grains);
        var found = new AlarmHistoryQuery(from, to, machineId, state, user).Apply(history.Select(e => e.ToDomain()));
        return TypedResults.Ok(new { alarms = live, history = found.Select(AlarmEventView.Of) });
    }

    private static async Task<IResult> AlarmHistoryCsv(DateTimeOffset? from, DateTimeOffset? to, string? machineId, string? user, ProductionCatalog catalog, IGrainFactory grains)
    {
        var machines = Machines(catalog, machineId);
        if (machines is null)
        {
            return CommandResults.NotFound($"machine '{machineId}'");
        }

        var history = (await HistoryAsync(machines, from, to, grains)).Select(e => e.ToDomain());
        return TypedResults.Text(CsvExport.AlarmHistory(new AlarmHistoryQuery(from, to, machineId, null, user, Limit: 100_000).Apply(history).Reverse()), "text/csv");
    }

    private static async Task<IResult> AnalyzeAlarms(DateTimeOffset? from, DateTimeOffset? to, ProductionCatalog catalog, IGrainFactory grains, PlantClock clock)
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
        var alarms = (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineAlarmsGrain>(m).GetAlarms()))).SelectMany(a => a).ToList();
        var definitions = catalog.Machines().SelectMany(m => m.Alarms).ToDictionary(d => d.Id, d => d.ToDomain());
        var stale = AlarmAnalytics.Stale(alarms.Select(a => ToDomain(a, definitions[a.Id])), now);
        return TypedResults.Ok(new
        {
            from = start,
            to = end,
            ratePerHour = AlarmAnalytics.RatePerHour(history, start, end),
            floods = AlarmAnalytics.Floods(history),
            chattering = AlarmAnalytics.Chattering(history, null, definitions),
            stale = stale.Select(AlarmView.From),
        });
    }
}
