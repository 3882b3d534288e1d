namespace Factory.Contracts.Views;

/// <summary>
/// The answer to a command sent to a grain: accepted (with the entity's new version) or refused with
/// a kind and a reason. A refused command has changed nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("factory.command-result")]
public sealed record CommandResult(
    [property: Id(0)] bool Accepted,
    [property: Id(1)] RefusalKind? RefusalKind,
    [property: Id(2)] string? Reason,
    [property: Id(3)] long Version)
{
    public static CommandResult Ok(long version) => new(true, null, null, version);

    public static CommandResult Refused(Refusal refusal, long version) => new(false, refusal.Kind, refusal.Reason, version);
}
