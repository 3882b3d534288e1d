using Factory.Domain.Safety;

namespace Factory.Contracts.Production;

/// <summary>A health and safety incident recorded against a machine, a line or a worker.</summary>
[GenerateSerializer, Immutable, Alias("factory.incident-view")]
public sealed record IncidentView(
    [property: Id(0)] string Id,
    [property: Id(1)] IncidentSubject Subject,
    [property: Id(2)] string SubjectId,
    [property: Id(3)] IncidentSeverity Severity,
    [property: Id(4)] string Description,
    [property: Id(5)] string Reporter,
    [property: Id(6)] DateTimeOffset At)
{
    public Incident ToDomain() => new(Id, Subject, SubjectId, Severity, Description, Reporter, At);
}
