namespace Factory.Domain.Limits;

/// <summary>
/// Lengths of the text the plant accepts from outside. They keep one request from growing state, the audit trail or
/// the feed without bound; each is named in the refusal that enforces it.
/// </summary>
public static class TextLimits
{
    /// <summary>The longest id (machine, line, site, work order, operation, worker, alarm): 64 characters.</summary>
    public const int IdLength = 64;

    /// <summary>The longest short name or title: 200 characters.</summary>
    public const int NameLength = 200;

    /// <summary>The longest free text (a note, comment or reason): 2,000 characters.</summary>
    public const int NoteLength = 2000;

    /// <summary>
    /// The problem with <paramref name="id"/> as <paramref name="what"/>, naming the limit; null when it is a usable id:
    /// present, at most <see cref="IdLength"/> characters, no whitespace at its ends and no control characters or slashes.
    /// </summary>
    public static string? CheckId(string? id, string what)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return $"{what} is required and cannot be blank";
        }

        if (id.Length > IdLength)
        {
            return $"{what} is at most {IdLength} characters";
        }

        return id.Trim().Length != id.Length || id.Any(c => char.IsControl(c) || c == '/')
            ? $"{what} '{id}' must not start or end with whitespace nor contain control characters or '/'"
            : null;
    }

    /// <summary>The problem with <paramref name="text"/> as <paramref name="what"/> when it is longer than <paramref name="limit"/>; null otherwise.</summary>
    public static string? CheckLength(string? text, string what, int limit) =>
        text is { } t && t.Length > limit ? $"{what} is at most {limit} characters (got {t.Length})" : null;

    /// <summary>An optional text as it is kept: trimmed, and null when it is absent or blank.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// The problem with <paramref name="link"/> as <paramref name="what"/>; null when it is absent or an absolute http or
    /// https address of at most <see cref="NoteLength"/> characters. Other schemes (javascript:, file:) are refused:
    /// the link is shown to people as something to open.
    /// </summary>
    public static string? CheckLink(string? link, string what)
    {
        if (link is null)
        {
            return null;
        }

        if (CheckLength(link, what, NoteLength) is { } tooLong)
        {
            return tooLong;
        }

        return Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? null
            : $"{what} must be an absolute http or https address";
    }
}
