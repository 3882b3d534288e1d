namespace Factory.Contracts.Production;

/// <summary>Tag values read together at one instant.</summary>
[GenerateSerializer, Immutable, Alias("factory.tag-readings")]
public sealed record TagReadings(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] ImmutableDictionary<string, double> Values);
