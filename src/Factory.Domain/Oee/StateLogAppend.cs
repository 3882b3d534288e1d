namespace Factory.Domain.Oee;

/// <summary>What appending to a state log did.</summary>
/// <param name="Log">The log after the append (the same log when refused).</param>
/// <param name="Sealed">Intervals that became final with this append, in time order: feed them to the live accumulator.</param>
/// <param name="HistoryChanged">Sealed history changed (a backfill): live figures must be recomputed from the log.</param>
/// <param name="Refusal">Why the append was refused, or null.</param>
public sealed record StateLogAppend(StateIntervalLog Log, ImmutableArray<StateInterval> Sealed, bool HistoryChanged, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
