using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>A maintenance work order as screens and the API show it.</summary>
/// <param name="TimeTakenSeconds">Start to finish, once done.</param>
/// <param name="Overdue">Open and past its due time when the view was made.</param>
/// <param name="PlannedStart">Where the plan in force placed a due order without a window (its slot), or null.</param>
/// <param name="PlannedEnd">The end of that slot, or null.</param>
/// <param name="PlannedWorkerId">The maintenance worker the plan booked for it, or null.</param>
[GenerateSerializer, Immutable, Alias("factory.maintenance-order-view")]
public sealed record MaintenanceOrderView(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] MaintenanceKind Kind,
    [property: Id(3)] string Reason,
    [property: Id(4)] ImmutableArray<string> Tasks,
    [property: Id(5)] string? Skill,
    [property: Id(6)] string? Certification,
    [property: Id(7)] double EstimatedSeconds,
    [property: Id(8)] string? SpareParts,
    [property: Id(9)] MaintenanceStatus Status,
    [property: Id(10)] DateTimeOffset RequestedAt,
    [property: Id(11)] string RequestedBy,
    [property: Id(12)] string? PlanId,
    [property: Id(13)] DateTimeOffset? DowntimeStart,
    [property: Id(14)] string? AlarmId,
    [property: Id(15)] DateTimeOffset? DueBy,
    [property: Id(16)] DateTimeOffset? WindowStart,
    [property: Id(17)] DateTimeOffset? WindowEnd,
    [property: Id(18)] DateTimeOffset? StartedAt,
    [property: Id(19)] string? StartedBy,
    [property: Id(20)] DateTimeOffset? FinishedAt,
    [property: Id(21)] string? DoneBy,
    [property: Id(22)] string? Note,
    [property: Id(23)] double? TimeTakenSeconds,
    [property: Id(24)] bool Overdue,
    [property: Id(25)] DateTimeOffset? PlannedStart = null,
    [property: Id(26)] DateTimeOffset? PlannedEnd = null,
    [property: Id(27)] string? PlannedWorkerId = null)
{
    /// <summary>This view with the slot the plan in force gave it (or none).</summary>
    public MaintenanceOrderView WithSlot(Factory.Contracts.Views.PlannedMaintenanceView? slot) =>
        this with { PlannedStart = slot?.Start, PlannedEnd = slot?.End, PlannedWorkerId = slot?.WorkerId };

    public static MaintenanceOrderView From(MaintenanceOrder o, DateTimeOffset now) => new(
        o.Id, o.MachineId, o.Kind, o.Reason, o.Tasks.IsDefault ? [] : o.Tasks, o.Skill, o.Certification, o.EstimatedDuration.TotalSeconds,
        o.SpareParts, o.Status, o.RequestedAt, o.RequestedBy, o.PlanId, o.DowntimeStart, o.AlarmId, o.DueBy, o.Window?.Start, o.Window?.End,
        o.StartedAt, o.StartedBy, o.FinishedAt, o.DoneBy, o.Note, o.TimeTaken?.TotalSeconds, o.IsOverdue(now));

    /// <summary>The order back as the domain holds it, for rules that read orders (compliance) outside the grain.</summary>
    public MaintenanceOrder ToOrder() => new(
        Id, MachineId, Kind, Reason, Tasks.IsDefault ? [] : Tasks, Skill, Certification, TimeSpan.FromSeconds(EstimatedSeconds), SpareParts, Status,
        RequestedAt, RequestedBy, PlanId, DowntimeStart, AlarmId, DueBy,
        WindowStart is { } start && WindowEnd is { } end ? new MaintenanceWindow(start, end) : null,
        StartedAt, StartedBy, FinishedAt, DoneBy, Note);
}
