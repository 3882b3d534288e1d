using Factory.Domain.Maintenance;

namespace Factory.Host.Api;

/// <summary>
/// Body of <c>POST /maintenance/plans</c>: every <c>interval</c> run hours, cycles or calendar days on one machine, or on a
/// condition: <c>tag</c> <c>comparison</c> (Above, Below) <c>limit</c> for <c>interval</c> minutes.
/// </summary>
public sealed record MaintenancePlanRequest(
    string? Id,
    string? MachineId,
    string? Title,
    MaintenanceTrigger? Trigger,
    double? Interval,
    string[]? Tasks,
    string? Skill,
    double? EstimatedSeconds,
    double? DueWithinSeconds,
    DateTimeOffset? AnchorAt,
    string? Tag = null,
    TagComparison? Comparison = null,
    double? Limit = null);
