using System.Text.Json.Serialization;
using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>A maintenance work order as screens and the API show it: what was asked for, and where it stands.</summary>
[GenerateSerializer, Immutable, Alias("factory.maintenance-order-view")]
public sealed record MaintenanceOrderView : MaintenanceOrderSpec
{
    /// <summary>A view of the order <paramref name="spec"/> asked for; the caller sets where it stands.</summary>
    public MaintenanceOrderView(MaintenanceOrderSpec spec)
        : base(spec)
    {
    }

    [JsonConstructor]
    private MaintenanceOrderView()
    {
    }

    [Id(0)] public required MaintenanceStatus Status { get; init; }

    [Id(1)] public required DateTimeOffset RequestedAt { get; init; }

    [Id(2)] public required string RequestedBy { get; init; }

    [Id(3)] public required string? PlanId { get; init; }

    [Id(4)] public required DateTimeOffset? WindowStart { get; init; }

    [Id(5)] public required DateTimeOffset? WindowEnd { get; init; }

    [Id(6)] public required DateTimeOffset? StartedAt { get; init; }

    [Id(7)] public required string? StartedBy { get; init; }

    [Id(8)] public required DateTimeOffset? FinishedAt { get; init; }

    [Id(9)] public required string? DoneBy { get; init; }

    [Id(10)] public required string? Note { get; init; }

    /// <summary>Start to finish, once done.</summary>
    [Id(11)] public required double? TimeTakenSeconds { get; init; }

    /// <summary>Open and past its due time when the view was made.</summary>
    [Id(12)] public required bool Overdue { get; init; }

    /// <summary>Where the plan in force placed a due order without a window (its slot), or null.</summary>
    [Id(13)] public DateTimeOffset? PlannedStart { get; init; }

    /// <summary>The end of that slot, or null.</summary>
    [Id(14)] public DateTimeOffset? PlannedEnd { get; init; }

    /// <summary>The maintenance worker the plan booked for it, or null.</summary>
    [Id(15)] public string? PlannedWorkerId { get; init; }

    /// <summary>This view with the slot the plan in force gave it (or none).</summary>
    public MaintenanceOrderView WithSlot(Factory.Contracts.Views.PlannedMaintenanceView? slot) =>
        this with { PlannedStart = slot?.Start, PlannedEnd = slot?.End, PlannedWorkerId = slot?.WorkerId };

    public static MaintenanceOrderView From(MaintenanceOrder o, DateTimeOffset now) => new(Of(o))
    {
        Status = o.Status,
        RequestedAt = o.RequestedAt,
        RequestedBy = o.RequestedBy,
        PlanId = o.PlanId,
        WindowStart = o.Window?.Start,
        WindowEnd = o.Window?.End,
        StartedAt = o.StartedAt,
        StartedBy = o.StartedBy,
        FinishedAt = o.FinishedAt,
        DoneBy = o.DoneBy,
        Note = o.Note,
        TimeTakenSeconds = o.TimeTaken?.TotalSeconds,
        Overdue = o.IsOverdue(now),
    };

    /// <summary>The order back as the domain holds it, for rules that read orders (compliance) outside the grain.</summary>
    public MaintenanceOrder ToOrder() => new(
        Id, MachineId, Kind, Reason, Tasks.IsDefault ? [] : Tasks, Skill, Certification, TimeSpan.FromSeconds(EstimatedSeconds), SpareParts, Status,
        RequestedAt, RequestedBy, PlanId, DowntimeStart, AlarmId, DueBy,
        WindowStart is { } start && WindowEnd is { } end ? new MaintenanceWindow(start, end) : null,
        StartedAt, StartedBy, FinishedAt, DoneBy, Note);
}
