using Factory.Host.Api;

namespace Factory.Host.Alarms;

/// <summary>
/// One ISA-18.2 alarm command as the API (<c>POST /alarms/{id}/{Route}</c>) and the hub offer it: what it needs, who
/// may give it, how it is audited, and the alarms grain's method that carries it out. REST and the hub both run it through
/// <see cref="AlarmCommands"/>, so the two cannot drift.
/// </summary>
/// <param name="Route">The last segment of its REST route.</param>
/// <param name="AuditAction">The audit trail's name for it.</param>
/// <param name="ManagersOnly">True for the design decisions (suppress, out of service) only managers make.</param>
/// <param name="MissingReason">The refusal when no reason is given, or null when a reason is optional.</param>
/// <param name="NeedsUntil">True when an end time is required (shelve).</param>
/// <param name="Summary">What it does, for the OpenAPI document.</param>
public sealed record AlarmCommand(
    string Route,
    string AuditAction,
    bool ManagersOnly,
    string? MissingReason,
    bool NeedsUntil,
    string Summary,
    Func<IMachineAlarmsGrain, string, string, AlarmCommandRequest, Task<CommandResult>> Run)
{
    public static readonly AlarmCommand Acknowledge = new("acknowledge", "alarm.acknowledge", false, null, false,
        "Acknowledges an alarm as the signed-in user (operators and managers).",
        (g, id, who, r) => g.Acknowledge(id, who, r.Comment));

    public static readonly AlarmCommand Shelve = new("shelve", "alarm.shelve", false, "shelving needs a reason and an end time ('until')", true,
        "Shelves an alarm with a reason until a time (at most the alarm's limit); unshelved automatically then.",
        (g, id, who, r) => g.Shelve(id, who, r.Reason!, r.Until!.Value));

    public static readonly AlarmCommand Unshelve = new("unshelve", "alarm.unshelve", false, null, false,
        "Lifts a shelf by hand.",
        (g, id, who, r) => g.Unshelve(id, who, r.Comment));

    public static readonly AlarmCommand Reset = new("reset", "alarm.reset", false, null, false,
        "Resets a latched alarm (condition clear, acknowledged) as the signed-in user; 409 when it is not latched.",
        (g, id, who, r) => g.Reset(id, who, r.Comment));

    public static readonly AlarmCommand Suppress = new("suppress", "alarm.suppress", true, "suppressing needs a reason", false,
        "Suppresses an alarm by design with a reason (managers); 409 when it is suppressed or out of service already.",
        (g, id, who, r) => g.Suppress(id, who, r.Reason!));

    public static readonly AlarmCommand Unsuppress = new("unsuppress", "alarm.unsuppress", true, null, false,
        "Ends a suppression (managers); 409 when the alarm is not suppressed.",
        (g, id, who, r) => g.Unsuppress(id, who, r.Comment));

    public static readonly AlarmCommand OutOfService = new("out-of-service", "alarm.out-of-service", true, "removing an alarm from service needs a reason", false,
        "Removes an alarm from service with a reason (managers); 409 when it is out of service already.",
        (g, id, who, r) => g.RemoveFromService(id, who, r.Reason!));

    public static readonly AlarmCommand ReturnToService = new("return-to-service", "alarm.return-to-service", true, null, false,
        "Returns an alarm to service (managers); 409 when it is not out of service.",
        (g, id, who, r) => g.ReturnToService(id, who, r.Comment));

    /// <summary>Every alarm command, in the order the API lists them.</summary>
    public static IReadOnlyList<AlarmCommand> All { get; } = [Acknowledge, Shelve, Unshelve, Reset, Suppress, Unsuppress, OutOfService, ReturnToService];

    /// <summary>What is missing from <paramref name="request"/> for this command, or null when it may be run.</summary>
    public string? Problem(AlarmCommandRequest request) =>
        (MissingReason is not null && string.IsNullOrWhiteSpace(request.Reason)) || (NeedsUntil && request.Until is null) ? MissingReason : null;

    /// <summary>The comment or reason the audit trail records with it.</summary>
    public string? Why(AlarmCommandRequest request) => MissingReason is null ? request.Comment : request.Reason;
}
