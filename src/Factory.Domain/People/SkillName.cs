namespace Factory.Domain.People;

/// <summary>
/// How skill names compare everywhere (worker skills, certifications, operations, the scheduler): ignoring case, since
/// plant files, the API and PLC-side order systems spell "Welding" and "welding" alike and mean the same trade.
/// </summary>
public static class SkillName
{
    /// <summary>The comparer for skill names.</summary>
    public static StringComparer Comparer => StringComparer.OrdinalIgnoreCase;

    /// <summary>Whether <paramref name="a"/> and <paramref name="b"/> name the same skill.</summary>
    public static bool Same(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
