namespace Factory.Domain.PackMl;

/// <summary>
/// The PackML state model: which command is legal in which state, and where an acting state goes
/// when its work is done ("state complete"). Pure and allocation-free.
/// </summary>
public static class PackMlStateMachine
{
    private const int StateCount = 18;

    // Bit per state: where Stop is legal (the standard's list; Stopped, Stopping, Clearing, Aborting, Aborted are not).
    private const int StopSources =
        1 << (int)PackMlState.Resetting | 1 << (int)PackMlState.Idle | 1 << (int)PackMlState.Starting |
        1 << (int)PackMlState.Execute | 1 << (int)PackMlState.Completing | 1 << (int)PackMlState.Complete |
        1 << (int)PackMlState.Holding | 1 << (int)PackMlState.Held | 1 << (int)PackMlState.Unholding |
        1 << (int)PackMlState.Suspending | 1 << (int)PackMlState.Suspended | 1 << (int)PackMlState.Unsuspending;

    // The 2015 revision's optional Hold extensions, legal only on machines that declare the capability.
    private const int HoldExtensionSources =
        1 << (int)PackMlState.Starting | 1 << (int)PackMlState.Suspending | 1 << (int)PackMlState.Suspended |
        1 << (int)PackMlState.Unsuspending | 1 << (int)PackMlState.Unholding;

    /// <summary>All states of the model, Undefined included.</summary>
    public static IReadOnlyList<PackMlState> States { get; } = Enum.GetValues<PackMlState>();

    /// <summary>All commands of the model.</summary>
    public static IReadOnlyList<PackMlCommand> Commands { get; } = Enum.GetValues<PackMlCommand>();

    /// <summary>
    /// Decides what <paramref name="command"/> does in <paramref name="state"/>.
    /// </summary>
    /// <param name="state">The machine's current state.</param>
    /// <param name="command">The command asked for.</param>
    /// <param name="holdExtensions">Whether the machine supports the optional Hold extensions.</param>
    public static PackMlTransition Apply(PackMlState state, PackMlCommand command, bool holdExtensions = false)
    {
        var target = command switch
        {
            // Abort is the one command that is always heard, except while already aborting or aborted.
            PackMlCommand.Abort => state is PackMlState.Aborting or PackMlState.Aborted ? (PackMlState?)null : PackMlState.Aborting,
            PackMlCommand.Stop => In(state, StopSources) ? PackMlState.Stopping : null,
            PackMlCommand.Clear => state == PackMlState.Aborted ? PackMlState.Clearing : null,
            PackMlCommand.Reset => state is PackMlState.Stopped or PackMlState.Complete ? PackMlState.Resetting : null,
            PackMlCommand.Start => state == PackMlState.Idle ? PackMlState.Starting : null,
            PackMlCommand.Complete => state == PackMlState.Execute ? PackMlState.Completing : null,
            PackMlCommand.Hold => state == PackMlState.Execute || (holdExtensions && In(state, HoldExtensionSources))
                ? PackMlState.Holding
                : null,
            PackMlCommand.Unhold => state == PackMlState.Held ? PackMlState.Unholding : null,
            PackMlCommand.Suspend => state == PackMlState.Execute ? PackMlState.Suspending : null,
            PackMlCommand.Unsuspend => state == PackMlState.Suspended ? PackMlState.Unsuspending : null,
            _ => null,
        };
        return target is { } next ? PackMlTransition.To(next) : PackMlTransition.Refused(state, command);
    }

    /// <summary>
    /// The state an acting state moves to when its work is done (SC). Wait states return themselves:
    /// they change only on a command or an external event.
    /// </summary>
    public static PackMlState StateComplete(PackMlState state) => state switch
    {
        PackMlState.Clearing => PackMlState.Stopped,
        PackMlState.Resetting => PackMlState.Idle,
        PackMlState.Starting => PackMlState.Execute,
        PackMlState.Execute => PackMlState.Completing,
        PackMlState.Completing => PackMlState.Complete,
        PackMlState.Holding => PackMlState.Held,
        PackMlState.Unholding => PackMlState.Execute,
        PackMlState.Suspending => PackMlState.Suspended,
        PackMlState.Unsuspending => PackMlState.Execute,
        PackMlState.Stopping => PackMlState.Stopped,
        PackMlState.Aborting => PackMlState.Aborted,
        _ => state,
    };

    /// <summary>Acting states end by themselves; wait states need a command or an event.</summary>
    public static bool IsActing(PackMlState state) => StateComplete(state) != state;

    /// <summary>
    /// Acting states that only bridge two wait states (everything acting but Execute). A machine with no
    /// PLC behind it completes these by itself after a short time.
    /// </summary>
    public static bool IsTransient(PackMlState state) => IsActing(state) && state != PackMlState.Execute;

    /// <summary>Whether the machine is producing.</summary>
    public static bool IsProducing(PackMlState state) => state == PackMlState.Execute;

    private static bool In(PackMlState state, int set) =>
        (uint)state < StateCount && (set & (1 << (int)state)) != 0;
}
