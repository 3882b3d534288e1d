using Factory.Domain.PackMl;

namespace Factory.Domain.Oee;

/// <summary>
/// A stretch of lost time of one machine inside planned busy time (ADOT, ADET or ASUT), with its reason when one is known.
/// </summary>
/// <param name="IntervalStart">Start of the whole state interval: the key a reason is attached by.</param>
/// <param name="Start">Start of the stretch inside the window asked for (after clipping to the window and planned time).</param>
/// <param name="End">End of the stretch.</param>
/// <param name="Element">What the stretch counts as (ADOT, ADET or ASUT).</param>
/// <param name="ReasonCode">The reason attached to the interval, or null when nobody has explained the stop yet.</param>
public sealed record DowntimeStop(
    string MachineId,
    DateTimeOffset IntervalStart,
    DateTimeOffset Start,
    DateTimeOffset End,
    PackMlState State,
    TimeElement Element,
    string? ReasonCode)
{
    public TimeSpan Duration => End - Start;

    /// <summary>Whether the stop still waits for a reason.</summary>
    public bool Unexplained => ReasonCode is null;
}
