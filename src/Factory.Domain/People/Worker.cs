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
    /// <summary>The level the worker holds <paramref name="skill"/> at (names compare as <see cref="SkillName"/> says), 0 when not held.</summary>
    public int SkillLevel(string skill) => Skills.TryGetValue(skill, out var level)
        ? level
        : Skills.Where(s => SkillName.Same(s.Key, skill)).Select(s => s.Value).DefaultIfEmpty(0).Max();
}
