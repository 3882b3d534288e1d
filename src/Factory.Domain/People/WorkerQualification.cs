namespace Factory.Domain.People;

/// <summary>Whether a worker may perform an operation that needs a skill.</summary>
public static class WorkerQualification
{
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

        var certifications = worker.Certifications.Where(c => string.Equals(c.Skill, skill, StringComparison.OrdinalIgnoreCase)).ToList();
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
