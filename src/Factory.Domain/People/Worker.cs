namespace Factory.Domain.People;

/// <summary>A person on the shop floor.</summary>
/// <param name="Skills">Skill name → level (1 = trainee … 5 = expert).</param>
/// <param name="Shift">Name of the shift the worker belongs to.</param>
public sealed record Worker(
    string Id,
    string SiteId,
    string Name,
    ImmutableDictionary<string, int> Skills,
    ImmutableArray<Certification> Certifications,
    string Shift,
    bool ClockedIn)
{
    public int SkillLevel(string skill) => Skills.TryGetValue(skill, out var level) ? level : 0;
}
