namespace Factory.Domain.Safety;

/// <summary>A health and safety incident recorded against a machine, a line or a worker.</summary>
/// <param name="Reporter">Who recorded it (a named user).</param>
public sealed record Incident(
    string Id,
    IncidentSubject Subject,
    string SubjectId,
    IncidentSeverity Severity,
    string Description,
    string Reporter,
    DateTimeOffset At)
{
    /// <summary>Every problem with the record; empty when it is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(Id))
        {
            problems.Add("an incident needs an id");
        }

        if (!Enum.IsDefined(Subject) || string.IsNullOrWhiteSpace(SubjectId))
        {
            problems.Add("an incident is recorded against a machine, a line or a worker by id");
        }

        if (!Enum.IsDefined(Severity))
        {
            problems.Add($"unknown severity {(int)Severity}");
        }

        if (string.IsNullOrWhiteSpace(Description) || Description.Length > 4000)
        {
            problems.Add("an incident needs a description of at most 4000 characters");
        }

        if (string.IsNullOrWhiteSpace(Reporter))
        {
            problems.Add("an incident needs a named reporter");
        }

        if (At == default)
        {
            problems.Add("an incident needs a time");
        }

        return problems;
    }
}
