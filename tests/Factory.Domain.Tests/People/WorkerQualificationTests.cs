using System.Collections.Immutable;
using Factory.Domain.People;

namespace Factory.Domain.Tests.People;

/// <summary>#10: one qualification rule — skill at the level and a valid certification, skill names compared ignoring case.</summary>
public class WorkerQualificationTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static Worker Worker(ImmutableDictionary<string, int> skills, params Certification[] certifications) =>
        new("W1", "S", "Ada", skills, [.. certifications], "Early", true);

    [Fact]
    public void Skill_names_compare_ignoring_case_in_levels_and_certifications()
    {
        // An ordinal dictionary, as a view arriving over the wire has: the rule does not depend on the dictionary's comparer.
        var worker = Worker(ImmutableDictionary<string, int>.Empty.Add("Welding", 3), new Certification("WELDING", Now.AddDays(2)));
        Assert.Equal(3, worker.SkillLevel("welding"));
        Assert.Null(WorkerQualification.WhyNotQualified(worker, "welding", 3, Now));
        Assert.Contains("below the required 4", WorkerQualification.WhyNotQualified(worker, "welding", 4, Now));
    }

    [Fact]
    public void Qualified_skills_are_those_with_a_valid_certification_each_until_its_latest_one_ends()
    {
        var worker = Worker(
            ImmutableDictionary<string, int>.Empty.Add("welding", 3).Add("machining", 2).Add("painting", 1),
            new Certification("welding", Now.AddDays(2)),
            new Certification("Welding", Now.AddDays(9)),
            new Certification("machining", Now.AddDays(-1)));

        var skills = WorkerQualification.QualifiedSkills(worker, Now);

        var (skill, level, until) = Assert.Single(skills);
        Assert.Equal(("welding", 3, Now.AddDays(9)), (skill, level, until));
        Assert.All(worker.Skills.Keys.Where(k => k != "welding"), k => Assert.NotNull(WorkerQualification.WhyNotQualified(worker, k, 1, Now)));
    }

    [Fact]
    public void A_certification_ending_now_no_longer_qualifies()
    {
        var worker = Worker(ImmutableDictionary<string, int>.Empty.Add("welding", 3), new Certification("welding", Now));
        Assert.Empty(WorkerQualification.QualifiedSkills(worker, Now));
        Assert.Contains("expired", WorkerQualification.WhyNotQualified(worker, "welding", 1, Now));
    }
}
