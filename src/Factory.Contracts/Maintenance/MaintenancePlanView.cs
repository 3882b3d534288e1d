using System.Text.Json.Serialization;
using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>
/// A maintenance plan with where it stands: its spec (the anchor always set), what was used since its anchor and what is
/// left until it is due.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.maintenance-plan-view")]
public sealed record MaintenancePlanView : MaintenancePlanSpec
{
    /// <summary>A view of the plan <paramref name="spec"/> makes; the caller sets where it stands.</summary>
    public MaintenancePlanView(MaintenancePlanSpec spec)
        : base(spec)
    {
    }

    [JsonConstructor]
    private MaintenancePlanView()
    {
    }

    [Id(0)] public required string? OpenOrderId { get; init; }

    [Id(1)] public required double Used { get; init; }

    [Id(2)] public required double Remaining { get; init; }

    [Id(3)] public required DateTimeOffset? NextDueAt { get; init; }

    [Id(4)] public required bool Due { get; init; }

    public static MaintenancePlanView From(MaintenancePlan p, MaintenanceDue due) => new(Of(p))
    {
        OpenOrderId = p.OpenOrderId,
        Used = due.Used,
        Remaining = due.Remaining,
        NextDueAt = due.NextDueAt,
        Due = due.IsDue,
    };
}
