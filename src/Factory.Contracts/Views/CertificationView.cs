namespace Factory.Contracts.Views;

/// <summary>A worker's certification for a skill.</summary>
[GenerateSerializer, Immutable, Alias("factory.certification-view")]
public sealed record CertificationView(
    [property: Id(0)] string Skill,
    [property: Id(1)] DateTimeOffset ValidUntil);
