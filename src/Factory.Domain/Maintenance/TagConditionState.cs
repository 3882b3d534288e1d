namespace Factory.Domain.Maintenance;

/// <summary>Where a tag condition stands over a window of samples.</summary>
/// <param name="Held">The condition held continuously for at least its duration somewhere in the window.</param>
/// <param name="Since">
/// When it started to hold: the start of the first run that lasted the duration when <paramref name="Held"/>, else of the
/// run still going at the end of the window; null when the value is not past the limit at the end and no run lasted.
/// </param>
/// <param name="HeldFor">How long that run lasted (up to the end of the window when it still goes on).</param>
public sealed record TagConditionState(bool Held, DateTimeOffset? Since, TimeSpan HeldFor)
{
    public static readonly TagConditionState NotHeld = new(false, null, TimeSpan.Zero);
}
