namespace Factory.Contracts.Views;

/// <summary>A worker as screens and the API show them.</summary>
/// <param name="Skills">Skill → level.</param>
/// <param name="ClockedInSince">When the worker last clocked in, null when clocked out.</param>
[GenerateSerializer, Immutable, Alias("factory.worker-view")]
public sealed record WorkerView(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableDictionary<string, int> Skills,
    [property: Id(4)] ImmutableArray<CertificationView> Certifications,
    [property: Id(5)] string Shift,
    [property: Id(6)] bool ClockedIn,
    [property: Id(7)] DateTimeOffset? ClockedInSince,
    [property: Id(8)] long Version)
{
    /// <summary>The worker as the domain's rules (qualification, assignment) take it.</summary>
    public Factory.Domain.People.Worker ToWorker() => new(
        Id, SiteId, Name, Skills, Certifications.Select(c => new Factory.Domain.People.Certification(c.Skill, c.ValidUntil)).ToImmutableArray(),
        Shift, ClockedIn);
}
