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
}
