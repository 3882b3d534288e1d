using Factory.Contracts.Views;

namespace Factory.Contracts.Scenarios;

/// <summary>The answer to a scenario request: the planned scenario, or a refusal (nothing was kept).</summary>
[GenerateSerializer, Immutable, Alias("factory.scenario-answer")]
public sealed record ScenarioAnswer(
    [property: Id(0)] CommandResult Result,
    [property: Id(1)] ScenarioView? Scenario);
