namespace Factory.Domain.Security;

/// <summary>
/// The languages the dashboard speaks, and the one rule for a user's choice: only these, named by their two-letter
/// code. A user who never chose gets the browser's language when it is one of these, else English (decided in the browser).
/// </summary>
public static class DashboardLanguage
{
    /// <summary>English, the default.</summary>
    public const string English = "en";

    /// <summary>German.</summary>
    public const string German = "de";

    /// <summary>Every supported language code, in the order the header offers them.</summary>
    public static readonly IReadOnlyList<string> Supported = [German, English];

    /// <summary>The supported code for <paramref name="language"/> (case-insensitive, e.g. "DE" → "de"), or null when not supported.</summary>
    public static string? Parse(string? language) =>
        language is { Length: 2 } ? Supported.FirstOrDefault(s => string.Equals(s, language, StringComparison.OrdinalIgnoreCase)) : null;
}
