namespace Factory.Domain.Maintenance;

/// <summary>
/// A maintenance work order for one machine. Its life is in <see cref="MaintenanceLifecycle"/>; this record only holds it.
/// </summary>
/// <param name="Skill">The skill the job needs (electrician, millwright), or null when anyone trained may do it.</param>
/// <param name="Certification">The certification the job needs, or null.</param>
/// <param name="SpareParts">The spare parts to bring, as free text.</param>
/// <param name="PlanId">The maintenance plan that created a preventive order, or null.</param>
/// <param name="DowntimeStart">The start of the downtime interval a corrective order repairs, or null.</param>
/// <param name="AlarmId">The alarm that caused a corrective order, or null.</param>
/// <param name="Window">When the machine is taken down for it, once planned.</param>
public sealed record MaintenanceOrder(
    string Id,
    string MachineId,
    MaintenanceKind Kind,
    string Reason,
    ImmutableArray<string> Tasks,
    string? Skill,
    string? Certification,
    TimeSpan EstimatedDuration,
    string? SpareParts,
    MaintenanceStatus Status,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string? PlanId = null,
    DateTimeOffset? DowntimeStart = null,
    string? AlarmId = null,
    DateTimeOffset? DueBy = null,
    MaintenanceWindow? Window = null,
    DateTimeOffset? StartedAt = null,
    string? StartedBy = null,
    DateTimeOffset? FinishedAt = null,
    string? DoneBy = null,
    string? Note = null)
{
    /// <summary>Done or cancelled: nothing more happens to it.</summary>
    public bool IsClosed => Status is MaintenanceStatus.Done or MaintenanceStatus.Cancelled;

    /// <summary>How long the work took, from start to finish, once done.</summary>
    public TimeSpan? TimeTaken => Status == MaintenanceStatus.Done && StartedAt is { } s && FinishedAt is { } f ? f - s : null;

    /// <summary>Whether an open order is past its due time at <paramref name="now"/>.</summary>
    public bool IsOverdue(DateTimeOffset now) => !IsClosed && DueBy is { } due && now > due;
}
