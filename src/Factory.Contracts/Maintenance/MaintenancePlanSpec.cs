using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>What a caller gives to create a maintenance plan.</summary>
/// <param name="AnchorAt">When counting starts (default: now); never in the future.</param>
[GenerateSerializer, Immutable, Alias("factory.maintenance-plan-spec")]
public sealed record MaintenancePlanSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Title,
    [property: Id(3)] MaintenanceTrigger Trigger,
    [property: Id(4)] double Interval,
    [property: Id(5)] ImmutableArray<string> Tasks,
    [property: Id(6)] string? Skill,
    [property: Id(7)] double EstimatedSeconds,
    [property: Id(8)] double DueWithinSeconds,
    [property: Id(9)] DateTimeOffset? AnchorAt)
{
    public MaintenancePlan ToPlan(DateTimeOffset now) => new(
        Id, MachineId, Title, Trigger, Interval, Tasks.IsDefault ? [] : Tasks, Skill,
        MaintenanceOrderSpec.Seconds(EstimatedSeconds), MaintenanceOrderSpec.Seconds(DueWithinSeconds), AnchorAt ?? now);
}
