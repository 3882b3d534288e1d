using System.Security.Claims;
using Factory.Contracts.Production;
using Factory.Domain.Alarms;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;

namespace Factory.Host.Api;

/// <summary>
/// The andon at the machine: an operator (on their machines) or a manager calls for material, quality, maintenance
/// or help; the call is the machine's andon alarm of that kind (<see cref="AndonCall"/>), acknowledged like any
/// other alarm and answered (cleared) here.
/// </summary>
public static class AndonApi
{
    public static RouteGroupBuilder MapAndonApi(this RouteGroupBuilder api)
    {
        api.MapPost("/machines/{id}/andon", Pull).StationCommand("andon.pull")
            .WithTags("Alarms").WithSummary("Pulls the andon (kind: material, quality, maintenance or help; note ≤ 500 chars); a stop without a reason takes the kind's reason when the site's tree has it.");
        api.MapPost("/machines/{id}/andon/{alarmId}/clear", Clear).StationCommand("andon.clear")
            .WithTags("Alarms").WithSummary("Answers an open andon call: its alarm clears (acknowledge it like any alarm); 409 when it is not open.");
        return api;
    }

    /// <summary>Raises the andon alarm of the requested kind and, when the machine is stopped without a reason, explains the stop with it.</summary>
    public static async Task<IResult> Pull(string id, AndonRequest? request, ProductionCatalog catalog, IGrainFactory grains, PlantClock clock, ClaimsPrincipal user)
    {
        if (!StationMachine.TryFind(catalog, user, id, out var machine, out var refused))
        {
            return refused;
        }

        if (Kind(request?.Kind) is not { } kind)
        {
            return CommandResults.Invalid("kind", "kind must be one of material, quality, maintenance, help");
        }

        if (request!.Note is { Length: > AndonCall.MaxNoteLength })
        {
            return CommandResults.Invalid("note", $"the note is at most {AndonCall.MaxNoteLength} characters");
        }

        var alarms = grains.GetGrain<IMachineAlarmsGrain>(id);
        var log = grains.GetGrain<IMachineLogGrain>(id);
        var alarmId = AndonCall.AlarmId(id, kind);
        var result = await alarms.PullAndon(alarmId, AuditFilter.Who(user), request.Note);
        if (!result.Accepted)
        {
            return result.ToHttp();
        }

        var now = clock.GetUtcNow();
        var current = (await log.GetLog(now, now)).Events.LastOrDefault()?.ToDomain(id);
        var reason = AndonCall.StopReason(kind, current, catalog.Site(machine.SiteId)!.Reasons);
        if (reason is not null)
        {
            // The stop may have ended in between: then there is nothing to explain, and the call stands on its own.
            await log.AttachReason(current!.At, reason);
        }

        var alarm = (await alarms.GetAlarms()).Single(a => a.Id == alarmId);
        return TypedResults.Ok(new { machineId = id, kind = AndonCall.Code(kind), alarm, stopReason = reason, stopStart = reason is null ? (DateTimeOffset?)null : current!.At });
    }

    /// <summary>Clears an open andon call.</summary>
    public static async Task<IResult> Clear(string id, string alarmId, ProductionCatalog catalog, IGrainFactory grains, ClaimsPrincipal user)
    {
        if (catalog.Machine(id) is null || AndonCall.KindOf(id, alarmId) is null)
        {
            return CommandResults.NotFound($"andon '{alarmId}' of machine '{id}'");
        }

        if (!MachineAccess.MayActOn(user, id))
        {
            return MachineAccess.Forbidden(id);
        }

        var grain = grains.GetGrain<IMachineAlarmsGrain>(id);
        var result = await grain.AnswerAndon(alarmId, AuditFilter.Who(user));
        return result.Accepted ? TypedResults.Ok((await grain.GetAlarms()).Single(a => a.Id == alarmId)) : result.ToHttp();
    }

    private static AndonKind? Kind(string? kind) =>
        Enum.GetValues<AndonKind>().Cast<AndonKind?>().FirstOrDefault(k => string.Equals(AndonCall.Code(k!.Value), kind, StringComparison.OrdinalIgnoreCase));
}
