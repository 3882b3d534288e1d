namespace Factory.Domain.People;

/// <summary>
/// Whether a worker may perform an operation that needs a skill: the skill at the level (at least 1) and a certification
/// for it valid at the time. The one rule: assignment, training needs, notification recipients and the dispatcher's
/// scheduling model all ask here.
/// </summary>
public static class WorkerQualification
{
    /// <summary>
    /// Every skill <paramref name="worker"/> is qualified for at <paramref name="at"/>, with its level and the end of
    /// the latest certification for it (the qualification holds until then).
    /// </summary>
    public static IReadOnlyList<(string Skill, int Level, DateTimeOffset Until)> QualifiedSkills(Worker worker, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(worker);
        var result = new List<(string, int, DateTimeOffset)>();
        foreach (var (skill, level) in worker.Skills)
        {
            if (level >= 1 && WhyNotQualified(worker, skill, 1, at) is null)
            {
                result.Add((skill, level, worker.Certifications.Where(c => SkillName.Same(c.Skill, skill) && c.IsValidAt(at)).Max(c => c.ValidUntil)));
            }
        }

        return result;
    }

    /// <summary>Returns null when the worker is qualified at <paramref name="at"/>, else the reason not.</summary>
    public static string? WhyNotQualified(Worker worker, string? skill, int minLevel, DateTimeOffset at)
    {
        if (string.IsNullOrEmpty(skill))
        {
            return null;
        }

        var level = worker.SkillLevel(skill);
        if (level == 0)
        {
            return $"worker {worker.Id} does not hold skill '{skill}'";
        }

        if (level < minLevel)
        {
            return $"worker {worker.Id} holds skill '{skill}' at level {level}, below the required {minLevel}";
        }

        var certifications = worker.Certifications.Where(c => SkillName.Same(c.Skill, skill)).ToList();
        if (certifications.Count == 0)
        {
            return $"worker {worker.Id} has no certification for '{skill}'";
        }

        if (!certifications.Any(c => c.IsValidAt(at)))
        {
            var last = certifications.Max(c => c.ValidUntil);
            return $"worker {worker.Id}'s certification for '{skill}' expired on {last:yyyy-MM-dd}";
        }

        return null;
    }
}
