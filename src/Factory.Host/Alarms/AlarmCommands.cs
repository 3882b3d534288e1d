using System.Security.Claims;
using Factory.Host.Api;
using Factory.Host.Audit;
using Factory.Host.Production;
using Factory.Host.Security;

namespace Factory.Host.Alarms;

/// <summary>
/// Runs an <see cref="AlarmCommand"/> for a user, for REST and the hub alike: the alarm must exist, the command must
/// have what it needs, the user must be allowed (managers for design decisions; operators only on their own
/// machines), and the log grain decides the rest. Refused commands change nothing.
/// </summary>
public sealed class AlarmCommands(ProductionCatalog catalog, IGrainFactory grains)
{
    /// <summary>Runs <paramref name="action"/> on alarm <paramref name="alarmId"/> as <paramref name="user"/>.</summary>
    public async Task<AlarmCommandOutcome> RunAsync(AlarmCommand action, string alarmId, ClaimsPrincipal user, AlarmCommandRequest? request)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(user);
        request ??= new AlarmCommandRequest(null, null, null);
        if (action.Problem(request) is { } problem)
        {
            return new(null, RefusalKind.Invalid, false, problem, "reason");
        }

        if (catalog.MachineOfAlarm(alarmId) is not { } machine)
        {
            return new(null, RefusalKind.NotFound, false, $"alarm '{alarmId}' does not exist");
        }

        if (action.ManagersOnly && !user.IsInRole(FactoryRoles.Manager))
        {
            return new(null, null, true, $"only managers may {action.Route} an alarm");
        }

        if (!MachineAccess.MayActOn(user, machine))
        {
            return new(null, null, true, MachineAccess.Refusal(machine));
        }

        var grain = grains.GetGrain<IMachineAlarmsGrain>(machine);
        var result = await action.Run(grain, alarmId, AuditFilter.Who(user), request);
        return result.Accepted
            ? new((await grain.GetAlarms()).Single(a => a.Id == alarmId), null, false, null)
            : new(null, result.RefusalKind ?? RefusalKind.Conflict, false, result.Reason ?? "refused");
    }
}
