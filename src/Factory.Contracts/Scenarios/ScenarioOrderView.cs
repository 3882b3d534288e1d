namespace Factory.Contracts.Scenarios;

/// <summary>One work order in a scenario comparison: when it ends live and in the scenario, and whether it is late.</summary>
[GenerateSerializer, Immutable, Alias("factory.scenario-order-view")]
public sealed record ScenarioOrderView(
    [property: Id(0)] string WorkOrderId,
    [property: Id(1)] DateTimeOffset? LiveEnd,
    [property: Id(2)] DateTimeOffset? ScenarioEnd,
    [property: Id(3)] DateTimeOffset? LiveDue,
    [property: Id(4)] DateTimeOffset? ScenarioDue,
    [property: Id(5)] bool LateLive,
    [property: Id(6)] bool LateInScenario);
