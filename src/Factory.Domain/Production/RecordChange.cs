namespace Factory.Domain.Production;

/// <summary>What a command did to a production record: refused (nothing changed), changed, or accepted without a change.</summary>
/// <param name="Changed">Whether the log, counts or stops changed, so readers must be told.</param>
/// <param name="Refusal">Why the command was refused, or null.</param>
public sealed record RecordChange(bool Changed, Refusal? Refusal)
{
    /// <summary>Accepted, and something a reader sees changed.</summary>
    public static RecordChange Made { get; } = new(true, null);

    /// <summary>Accepted, but nothing a reader sees changed (a repeated command, tags only).</summary>
    public static RecordChange Unchanged { get; } = new(false, null);

    public bool IsRefused => Refusal is not null;

    public static RecordChange Refused(Refusal refusal) => new(false, refusal);
}
