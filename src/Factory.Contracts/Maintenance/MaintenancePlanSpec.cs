using Factory.Domain.Maintenance;

namespace Factory.Contracts.Maintenance;

/// <summary>
/// What a caller gives to create a maintenance plan. Not sealed: a <see cref="MaintenancePlanView"/> is its spec plus where
/// the plan stands.
/// </summary>
/// <param name="AnchorAt">When counting starts (default: now); never in the future. Always set in a view: the plan's anchor.</param>
/// <param name="Tag">A condition plan's tag; with <paramref name="Comparison"/> and <paramref name="Limit"/> it must hold <paramref name="Interval"/> minutes.</param>
[GenerateSerializer, Immutable, Alias("factory.maintenance-plan-spec")]
public record MaintenancePlanSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string MachineId,
    [property: Id(2)] string Title,
    [property: Id(3)] MaintenanceTrigger Trigger,
    [property: Id(4)] double Interval,
    [property: Id(5)] ImmutableArray<string> Tasks,
    [property: Id(6)] string? Skill,
    [property: Id(7)] double EstimatedSeconds,
    [property: Id(8)] double DueWithinSeconds,
    [property: Id(9)] DateTimeOffset? AnchorAt,
    [property: Id(10)] string? Tag = null,
    [property: Id(11)] TagComparison? Comparison = null,
    [property: Id(12)] double? Limit = null)
{
    /// <summary>For a view read back from JSON: the reader sets every property after.</summary>
    protected MaintenancePlanSpec()
        : this("", "", "", default, 0, [], null, 0, 0, null)
    {
    }

    /// <summary>The spec that makes <paramref name="p"/> again, its anchor included.</summary>
    public static MaintenancePlanSpec Of(MaintenancePlan p) => new(
        p.Id, p.MachineId, p.Title, p.Trigger, p.Interval, p.Tasks.IsDefault ? [] : p.Tasks, p.Skill, p.EstimatedDuration.TotalSeconds,
        p.DueWithin.TotalSeconds, p.AnchorAt, p.Condition?.Tag, p.Condition?.Comparison, p.Condition?.Limit);

    public MaintenancePlan ToPlan(DateTimeOffset now) => new(
        Id, MachineId, Title, Trigger, Interval, Tasks.IsDefault ? [] : Tasks, Skill,
        MaintenanceOrderSpec.Seconds(EstimatedSeconds), MaintenanceOrderSpec.Seconds(DueWithinSeconds), AnchorAt ?? now,
        Condition: Tag is null && Limit is null ? null : new TagCondition(Tag ?? "", Comparison ?? TagComparison.Above, Limit ?? double.NaN,
            // An interval out of range gives no duration; the condition's validation then says why.
            double.IsFinite(Interval) && Interval > 0 && Interval <= MaintenancePlan.LargestInterval ? TimeSpan.FromMinutes(Interval) : TimeSpan.Zero));
}
