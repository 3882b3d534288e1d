namespace Factory.Domain;

/// <summary>
/// Why the domain refused a command. A refused command changes nothing; the kind tells the edge
/// which answer to give (400 invalid, 404 unknown, 409 conflict with the current state).
/// </summary>
public sealed record Refusal(RefusalKind Kind, string Reason)
{
    public static Refusal Invalid(string reason) => new(RefusalKind.Invalid, reason);

    public static Refusal NotFound(string reason) => new(RefusalKind.NotFound, reason);

    public static Refusal Conflict(string reason) => new(RefusalKind.Conflict, reason);
}
