namespace Factory.Domain.PackMl;

/// <summary>
/// The outcome of asking the state machine for a command: either the state the machine enters,
/// or a refusal whose reason names the current state and the command.
/// </summary>
public readonly record struct PackMlTransition(bool Accepted, PackMlState Target, string? Refusal)
{
    public static PackMlTransition To(PackMlState target) => new(true, target, null);

    public static PackMlTransition Refused(PackMlState state, PackMlCommand command) =>
        new(false, state, $"PackML command {command} is not allowed in state {state}.");
}
