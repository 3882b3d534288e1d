using Factory.Domain.Maintenance;

namespace Factory.Host.Api;

/// <summary>Body of <c>POST /maintenance/orders</c>; give an id to make it safe to retry (one is made otherwise).</summary>
public sealed record MaintenanceOrderRequest(
    string? Id,
    string? MachineId,
    MaintenanceKind? Kind,
    string? Reason,
    string[]? Tasks,
    string? Skill,
    string? Certification,
    double? EstimatedSeconds,
    string? SpareParts,
    DateTimeOffset? DowntimeStart,
    string? AlarmId,
    DateTimeOffset? DueBy);
