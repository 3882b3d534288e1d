namespace Factory.Contracts.Views;

/// <summary>How good a plan is: weighted tardiness (seconds × priority) first, then makespan.</summary>
[GenerateSerializer, Immutable, Alias("factory.plan-objective-view")]
public sealed record PlanObjectiveView(
    [property: Id(0)] long WeightedTardinessSeconds,
    [property: Id(1)] DateTimeOffset Makespan,
    [property: Id(2)] int LateWorkOrders);
