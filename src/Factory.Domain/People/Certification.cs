namespace Factory.Domain.People;

/// <summary>A certification that allows a worker to perform operations needing <paramref name="Skill"/> until it expires.</summary>
public sealed record Certification(string Skill, DateTimeOffset ValidUntil)
{
    public bool IsValidAt(DateTimeOffset at) => at < ValidUntil;
}
