namespace Factory.Domain.Safety;

/// <summary>What an incident is recorded against.</summary>
public enum IncidentSubject
{
    Machine = 1,
    Line = 2,
    Worker = 3,
}
