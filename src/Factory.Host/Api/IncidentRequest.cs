using Factory.Domain.Safety;

namespace Factory.Host.Api;

/// <summary>Body of <c>POST /safety/incidents</c>; <c>at</c> defaults to now, <c>id</c> to a new one.</summary>
public sealed record IncidentRequest(string? Id, IncidentSubject? Subject, string? SubjectId, IncidentSeverity? Severity, string? Description, DateTimeOffset? At);
