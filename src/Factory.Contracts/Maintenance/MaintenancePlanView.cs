using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>A maintenance plan with where it stands: what was used since its anchor and what is left until it is due.</summary>
[GenerateSerializer, Immutable, Alias("factory.maintenance-plan-view")]
public sealed record MaintenancePlanView(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Title,
    [property: Id(3)] MaintenanceTrigger Trigger,
    [property: Id(4)] double Interval,
    [property: Id(5)] ImmutableArray<string> Tasks,
    [property: Id(6)] string? Skill,
    [property: Id(7)] double EstimatedSeconds,
    [property: Id(8)] double DueWithinSeconds,
    [property: Id(9)] DateTimeOffset AnchorAt,
    [property: Id(10)] string? OpenOrderId,
    [property: Id(11)] double Used,
    [property: Id(12)] double Remaining,
    [property: Id(13)] DateTimeOffset? NextDueAt,
    [property: Id(14)] bool Due,
    [property: Id(15)] string? Tag = null,
    [property: Id(16)] TagComparison? Comparison = null,
    [property: Id(17)] double? Limit = null)
{
    public static MaintenancePlanView From(MaintenancePlan p, MaintenanceDue due) => new(
        p.Id, p.MachineId, p.Title, p.Trigger, p.Interval, p.Tasks.IsDefault ? [] : p.Tasks, p.Skill, p.EstimatedDuration.TotalSeconds,
        p.DueWithin.TotalSeconds, p.AnchorAt, p.OpenOrderId, due.Used, due.Remaining, due.NextDueAt, due.IsDue,
        p.Condition?.Tag, p.Condition?.Comparison, p.Condition?.Limit);
}
