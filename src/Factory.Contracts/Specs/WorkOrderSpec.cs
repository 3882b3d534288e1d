using Factory.Domain.Limits;

namespace Factory.Contracts.Specs;

/// <summary>A new work order.</summary>
[GenerateSerializer, Immutable, Alias("factory.work-order-spec")]
public sealed record WorkOrderSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Product,
    [property: Id(3)] int Quantity,
    [property: Id(4)] DateTimeOffset DueDate,
    [property: Id(5)] int Priority,
    [property: Id(6)] ImmutableArray<OperationSpec> Operations)
{
    /// <summary>
    /// What keeps the spec from becoming a <see cref="WorkOrder"/> at all (durations that are not finite or beyond
    /// <see cref="DurationLimits.LongestOperation"/>); the order's own rules are <c>WorkOrderRules</c>.
    /// </summary>
    public IReadOnlyList<string> Problems() => Operations.IsDefault
        ? []
        : [.. Operations.Select(o => DurationLimits.CheckSeconds(o.StandardDurationSeconds, $"operation {o.Sequence}: standardDurationSeconds", DurationLimits.LongestOperation))
            .OfType<string>()];

    public WorkOrder ToWorkOrder() => new(
        Id, SiteId, Product, Quantity, DueDate, Priority,
        Operations.IsDefault ? [] : Operations.Select(o => o.ToOperation()).ToImmutableArray());
}
