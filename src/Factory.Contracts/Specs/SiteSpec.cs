namespace Factory.Contracts.Specs;

/// <summary>How a site is defined.</summary>
[GenerateSerializer, Immutable, Alias("factory.site-spec")]
public sealed record SiteSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string TimeZone);
