namespace Factory.Contracts.Scenarios;

/// <summary>A what-if scenario to plan: a name and the changes, applied in order to a copy of the live problem.</summary>
[GenerateSerializer, Immutable, Alias("factory.scenario-spec")]
public sealed record ScenarioSpec(
    [property: Id(0)] string Name,
    [property: Id(1)] ImmutableArray<ScenarioChangeSpec> Changes);
