using Factory.Host.Plant;
using Factory.Host.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Factory.Host.Hub;

/// <summary>
/// The live plant hub (<c>/hubs/plant</c>). A client subscribes to a site, a line or a machine and gets a
/// snapshot back; deltas follow as <c>machineChanged</c>, <c>lineChanged</c>, <c>workOrderChanged</c> and
/// <c>workerChanged</c> messages, each with the entity's version. A client that sees a version gap
/// subscribes again to resync. The hub holds no state: the feed forwards events to groups.
/// </summary>
[Authorize(Policy = FactoryRoles.ReadPolicy)]
public sealed class PlantHub(
    PlantQueries queries,
    IGrainFactory grains,
    Production.ProductionCatalog production,
    Production.KpiQueries kpis,
    Production.LiveKpiFeed liveKpis,
    Audit.IAuditStore audit,
    Alarms.AlarmCommands alarms) : Hub<IPlantClient>
{
    /// <summary>Subscribes to a whole site: its lines, machines, work orders and workers.</summary>
    public async Task<PlantSnapshot> SubscribeSite(string siteId)
    {
        // Join first, read second: a change between the two arrives as a delta and is not lost.
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Site(siteId));
        var site = await queries.SiteAsync(siteId) ?? throw new HubException($"site '{siteId}' does not exist");
        var lines = queries.LinesAsync(siteId);
        var machines = queries.MachinesAsync(siteId);
        var orders = queries.WorkOrdersAsync(siteId);
        var workers = queries.WorkersAsync(siteId);
        return new PlantSnapshot("site", siteId, site, await lines, await machines, await orders, await workers);
    }

    /// <summary>Subscribes to one line and its machines.</summary>
    public async Task<PlantSnapshot> SubscribeLine(string lineId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Line(lineId));
        var line = await queries.LineAsync(lineId) ?? throw new HubException($"line '{lineId}' does not exist");
        return new PlantSnapshot("line", lineId, null, [line], await queries.MachinesAsync(lineId: lineId), [], []);
    }

    /// <summary>Subscribes to one machine.</summary>
    public async Task<PlantSnapshot> SubscribeMachine(string machineId)
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Machine(machineId));
        var machine = await queries.MachineAsync(machineId) ?? throw new HubException($"machine '{machineId}' does not exist");
        return new PlantSnapshot("machine", machineId, null, [], [machine], [], []);
    }

    /// <summary>The plan in force at a site, with the pending proposal (deltas: PlanChanged, ProposalChanged).</summary>
    public async Task<PlanView> GetPlan(string siteId)
    {
        _ = await queries.SiteAsync(siteId) ?? throw new HubException($"site '{siteId}' does not exist");
        return await grains.GetGrain<IDispatcherGrain>(siteId).GetPlan();
    }

    /// <summary>Accepts a re-plan proposal (managers only).</summary>
    [Authorize(Policy = FactoryRoles.ManagePolicy)]
    public Task<PlanView> AcceptProposal(string siteId, long proposalId) =>
        Audited("proposal.accept", $"site/{siteId}/proposal/{proposalId}", null,
            () => Decide(siteId, d => d.AcceptProposal(proposalId, Context.User?.Identity?.Name ?? "?")));

    /// <summary>Rejects a re-plan proposal (managers only).</summary>
    [Authorize(Policy = FactoryRoles.ManagePolicy)]
    public Task<PlanView> RejectProposal(string siteId, long proposalId) =>
        Audited("proposal.reject", $"site/{siteId}/proposal/{proposalId}", null,
            () => Decide(siteId, d => d.RejectProposal(proposalId, Context.User?.Identity?.Name ?? "?")));

    /// <summary>
    /// KPIs of a machine, line or site for the site's running window (current shift, else the current UTC day): the
    /// starting point that <c>KpiChanged</c> deltas then replace. From the figures the live feed keeps (the same figures
    /// its deltas carry); recomputed from the logs only when a machine of it could not be read there.
    /// </summary>
    public async Task<Contracts.Production.KpiView> GetLiveKpis(string entity, string id)
    {
        var site = entity switch
        {
            "machine" => production.Machine(id)?.SiteId,
            "line" => production.Machines(lineId: id).FirstOrDefault()?.SiteId,
            "site" => production.Site(id)?.SiteId,
            _ => throw new HubException($"unknown entity '{entity}'; use machine, line or site"),
        } ?? throw new HubException($"{entity} '{id}' does not exist");
        if (await liveKpis.CurrentAsync(entity, id, site, Context.ConnectionAborted) is { } current)
        {
            return current;
        }

        var window = kpis.LiveWindow(site);
        var (rows, refusal) = await kpis.QueryAsync(new Production.KpiQuery(entity, id, window.Start, window.End));
        return rows is [var row] ? row : throw new HubException(refusal?.Reason ?? "no figures");
    }

    /// <summary>The live alarms of a machine, a line or a site (deltas: <c>AlarmChanged</c>).</summary>
    public async Task<IReadOnlyList<Contracts.Production.AlarmView>> GetAlarms(string scope, string id)
    {
        var machines = scope switch
        {
            "machine" => production.Machine(id) is { } m ? [m] : [],
            "line" => production.Machines(lineId: id).ToList(),
            "site" => production.Machines(siteId: id).ToList(),
            _ => throw new HubException($"unknown scope '{scope}'; use site, line or machine"),
        };
        if (machines.Count == 0)
        {
            throw new HubException($"{scope} '{id}' does not exist");
        }

        return [.. (await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineAlarmsGrain>(m.MachineId).GetAlarms()))).SelectMany(a => a)];
    }

    /// <summary>
    /// Subscribes to the alarm changes of a whole site, without its machines' other deltas (<c>AlarmChanged</c>), and
    /// returns its live alarms. A client that also holds the site, a line or a machine gets a change once per group;
    /// the alarm's version tells the copies apart.
    /// </summary>
    public async Task<IReadOnlyList<Contracts.Production.AlarmView>> SubscribeAlarms(string siteId)
    {
        if (production.Site(siteId) is null)
        {
            throw new HubException($"site '{siteId}' does not exist");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, HubGroups.Alarms(siteId));
        return await GetAlarms("site", siteId);
    }

    /// <summary>Acknowledges an alarm as the signed-in user (operators and managers); returns the alarm.</summary>
    public Task<Contracts.Production.AlarmView> AcknowledgeAlarm(string alarmId, string? comment) =>
        RunAlarmCommand(Alarms.AlarmCommand.Acknowledge, alarmId, new(comment, null, null));

    /// <summary>Shelves an alarm with a reason until a time; it is unshelved automatically then.</summary>
    public Task<Contracts.Production.AlarmView> ShelveAlarm(string alarmId, string reason, DateTimeOffset until) =>
        RunAlarmCommand(Alarms.AlarmCommand.Shelve, alarmId, new(null, reason, until));

    /// <summary>Lifts a shelf by hand.</summary>
    public Task<Contracts.Production.AlarmView> UnshelveAlarm(string alarmId, string? comment) =>
        RunAlarmCommand(Alarms.AlarmCommand.Unshelve, alarmId, new(comment, null, null));

    /// <summary>Attaches a downtime reason to the interval of a machine starting at <paramref name="intervalStart"/>.</summary>
    public Task AttachDowntimeReason(string machineId, DateTimeOffset intervalStart, string code, string? comment) =>
        Audited("downtime.reason", $"machine/{machineId}/downtime/{intervalStart:O}", comment, async () =>
        {
            EnsureMayActOn(machineId);
            var machine = production.Machine(machineId) ?? throw new HubException($"machine '{machineId}' does not exist");
            var reason = production.Site(machine.SiteId)?.Reasons.Find(code) ?? throw new HubException($"'{code}' is not in the reason tree");
            var result = await grains.GetGrain<IMachineLogGrain>(machineId).AttachReason(intervalStart, reason.Code);
            return result.Accepted ? true : throw new HubException(result.Reason);
        });

    private string Who => Audit.AuditFilter.Who(Context.User);

    // The same rule as the API's 403: a hub caller sees it as a HubException with the same words.
    private void EnsureMayActOn(string machineId)
    {
        if (!MachineAccess.MayActOn(Context.User, machineId))
        {
            throw new HubException(MachineAccess.Refusal(machineId));
        }
    }

    // The same commands as the API's (AlarmCommands), audited as the API audits them; a refusal is a HubException with its words.
    private Task<Contracts.Production.AlarmView> RunAlarmCommand(Alarms.AlarmCommand action, string alarmId, Api.AlarmCommandRequest request) =>
        Audited(action.AuditAction, $"alarm/{alarmId}", action.Why(request), async () =>
        {
            var outcome = await alarms.RunAsync(action, alarmId, Context.User!, request);
            return outcome.Alarm ?? throw new HubException(outcome.Reason);
        });

    // Hub commands are recorded like API commands: accepted, or refused with the reason the caller saw.
    private async Task<T> Audited<T>(string action, string target, string? why, Func<Task<T>> command)
    {
        try
        {
            var result = await command();
            await audit.AppendAsync(Who, action, target, why, "accepted", "via hub");
            return result;
        }
        catch (HubException e)
        {
            await audit.AppendAsync(Who, action, target, why, $"refused: {e.Message}", "via hub");
            throw;
        }
    }

    /// <summary>Stops deltas for a scope ("site", "line" or "machine").</summary>
    public Task Unsubscribe(string scope, string id) => scope switch
    {
        "site" => Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Site(id)),
        "line" => Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Line(id)),
        "machine" => Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Machine(id)),
        "alarms" => Groups.RemoveFromGroupAsync(Context.ConnectionId, HubGroups.Alarms(id)),
        _ => throw new HubException($"unknown scope '{scope}'; use site, line, machine or alarms"),
    };

    private async Task<PlanView> Decide(string siteId, Func<IDispatcherGrain, Task<CommandResult>> decide)
    {
        var dispatcher = grains.GetGrain<IDispatcherGrain>(siteId);
        CommandResult result;
        try
        {
            result = await decide(dispatcher);
        }
        catch (StateNotStoredException)
        {
            // The dispatcher undid the decision: a refusal the client can read (and the audit records), as the API's 503 says.
            throw new HubException("storage unavailable, nothing was changed; try again");
        }

        return result.Accepted ? await dispatcher.GetPlan() : throw new HubException(result.Reason);
    }
}
