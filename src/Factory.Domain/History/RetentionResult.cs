namespace Factory.Domain.History;

/// <summary>How many rows a retention pass removed, per resolution.</summary>
public sealed record RetentionResult(long Raw, long Minutes, long Hours);
