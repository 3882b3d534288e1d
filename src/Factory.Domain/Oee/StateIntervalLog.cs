using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Oee;

/// <summary>
/// One machine's append-only history of state events, turned into non-overlapping intervals. Events may
/// arrive out of order by up to <see cref="ReorderBound"/> (OPC UA batches, several sources); an interval is
/// sealed (final) once no accepted event can fall inside it any more. Older events go through
/// <see cref="Backfill"/>, which changes sealed history and says so. Immutable: every change returns a new log.
/// </summary>
public sealed class StateIntervalLog
{
    private StateIntervalLog(string machineId, TimeSpan reorderBound, ImmutableList<MachineStateEvent> events, int sealedCount, DateTimeOffset? latestAt)
    {
        MachineId = machineId;
        ReorderBound = reorderBound;
        Events = events;
        SealedCount = sealedCount;
        LatestAt = latestAt;
    }

    /// <summary>
    /// How late an event from a machine's sources may arrive and still be appended in place: OPC UA publishes in
    /// batches and a machine may have several sources, so 10 s covers a publishing interval and a reconnect's replay.
    /// </summary>
    public static readonly TimeSpan MachineReorderBound = TimeSpan.FromSeconds(10);

    public string MachineId { get; }

    /// <summary>How late (behind the latest event seen) an event may arrive and still be appended.</summary>
    public TimeSpan ReorderBound { get; }

    /// <summary>The events in time order (equal timestamps in arrival order; the later one wins).</summary>
    public ImmutableList<MachineStateEvent> Events { get; }

    /// <summary>How many intervals (from the first event) are sealed.</summary>
    public int SealedCount { get; }

    /// <summary>The latest event timestamp seen.</summary>
    public DateTimeOffset? LatestAt { get; }

    /// <summary>Events before this instant are refused by <see cref="Append"/>.</summary>
    public DateTimeOffset? Watermark => LatestAt - ReorderBound;

    /// <summary>An empty log.</summary>
    public static StateIntervalLog Empty(string machineId, TimeSpan reorderBound)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(machineId);
        if (reorderBound < TimeSpan.Zero || reorderBound > TimeSpan.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(reorderBound), reorderBound, "the reorder bound must be between 0 and one day");
        }

        return new StateIntervalLog(machineId, reorderBound, ImmutableList<MachineStateEvent>.Empty, 0, null);
    }

    /// <summary>
    /// The intervals up to <paramref name="until"/> of a machine's stored events (in any order), as its log grain sees
    /// them (<see cref="MachineReorderBound"/>); none when the events cannot be restored.
    /// </summary>
    public static IReadOnlyList<StateInterval> IntervalsOf(string machineId, IEnumerable<MachineStateEvent> events, DateTimeOffset until) =>
        Restore(machineId, MachineReorderBound, events).Log?.Intervals(until) ?? [];

    /// <summary>A log rebuilt from persisted events (in any order), e.g. when a grain activates.</summary>
    public static (StateIntervalLog? Log, Refusal? Refusal) Restore(string machineId, TimeSpan reorderBound, IEnumerable<MachineStateEvent> events)
    {
        var result = Empty(machineId, reorderBound).Backfill(events);
        return result.Refusal is null ? (result.Log, null) : (null, result.Refusal);
    }

    /// <summary>
    /// Appends a live event. Refused (log unchanged) when it is for another machine, malformed, or older than
    /// the watermark. Delivering the same event twice changes nothing.
    /// </summary>
    public StateLogAppend Append(MachineStateEvent stateEvent)
    {
        if (Check(stateEvent) is { } problem)
        {
            return Refused(problem);
        }

        if (Watermark is { } watermark && stateEvent.At < watermark)
        {
            return Refused(Refusal.Conflict(
                $"event at {stateEvent.At:O} is older than the reorder bound allows (watermark {watermark:O}); post it as backfill"));
        }

        // Only an exact redelivery is dropped: a repeated condition at a later time must stay, because a late
        // event may still arrive between the two and end the first one.
        var position = InsertPosition(stateEvent.At);
        if (position > 0 && Events[position - 1].At == stateEvent.At && Events[position - 1].SameConditionAs(stateEvent))
        {
            return new StateLogAppend(this, ImmutableArray<StateInterval>.Empty, false, null);
        }

        var events = Events.Insert(position, stateEvent);
        var latest = LatestAt is { } l && l > stateEvent.At ? l : stateEvent.At;
        var sealedCount = SealedCount;
        var newlySealed = ImmutableArray.CreateBuilder<StateInterval>();
        var mark = latest - ReorderBound;
        while (sealedCount + 1 < events.Count && events[sealedCount + 1].At <= mark)
        {
            var interval = StateInterval.From(events[sealedCount], events[sealedCount + 1].At);
            if (interval.End > interval.Start)
            {
                newlySealed.Add(interval);
            }

            sealedCount++;
        }

        return new StateLogAppend(new StateIntervalLog(MachineId, ReorderBound, events, sealedCount, latest), newlySealed.ToImmutable(), false, null);
    }

    /// <summary>
    /// Inserts events at any time (API backfill, sources without OPC UA). Sealed history may change, so
    /// the result says <see cref="StateLogAppend.HistoryChanged"/> and nothing is reported as newly sealed:
    /// recompute live figures from <see cref="SealedIntervals"/>. All events are checked first; one bad
    /// event refuses the whole batch.
    /// </summary>
    public StateLogAppend Backfill(IEnumerable<MachineStateEvent> stateEvents)
    {
        ArgumentNullException.ThrowIfNull(stateEvents);
        var batch = stateEvents.ToList();
        foreach (var stateEvent in batch)
        {
            if (Check(stateEvent) is { } problem)
            {
                return Refused(problem);
            }
        }

        var log = this;
        foreach (var stateEvent in batch.OrderBy(e => e.At))
        {
            var position = log.InsertPosition(stateEvent.At);
            var events = log.Events.Insert(position, stateEvent);
            var latest = log.LatestAt is { } l && l > stateEvent.At ? l : stateEvent.At;
            log = new StateIntervalLog(MachineId, ReorderBound, events, 0, latest);
        }

        var sealedCount = 0;
        var mark = log.Watermark;
        while (sealedCount + 1 < log.Events.Count && log.Events[sealedCount + 1].At <= mark)
        {
            sealedCount++;
        }

        return new StateLogAppend(
            new StateIntervalLog(MachineId, ReorderBound, log.Events, sealedCount, log.LatestAt),
            ImmutableArray<StateInterval>.Empty,
            batch.Count > 0,
            null);
    }

    /// <summary>The sealed intervals, in time order (zero-length ones left out).</summary>
    public IReadOnlyList<StateInterval> SealedIntervals() => Build(0, SealedCount, null);

    /// <summary>
    /// The intervals not sealed yet, the last one open until <paramref name="now"/>: with the live accumulator's
    /// sealed part they make the full picture. Costs only the unsealed tail.
    /// </summary>
    public IReadOnlyList<StateInterval> UnsealedIntervals(DateTimeOffset now) => Build(SealedCount, Events.Count - SealedCount, now);

    /// <summary>Every interval, the last one open until <paramref name="now"/> (left out when now is not after it).</summary>
    public IReadOnlyList<StateInterval> Intervals(DateTimeOffset now) => Build(0, Events.Count, now);

    /// <summary>
    /// Drops sealed history that ends at or before <paramref name="before"/> (it has been persisted), so memory
    /// stays bounded. The event in force at <paramref name="before"/> is kept.
    /// </summary>
    public StateIntervalLog Compact(DateTimeOffset before)
    {
        var drop = 0;
        while (drop < SealedCount && drop + 1 < Events.Count && Events[drop + 1].At <= before)
        {
            drop++;
        }

        return drop == 0
            ? this
            : new StateIntervalLog(MachineId, ReorderBound, Events.RemoveRange(0, drop), SealedCount - drop, LatestAt);
    }

    private List<StateInterval> Build(int first, int intervalCount, DateTimeOffset? now)
    {
        var result = new List<StateInterval>(Math.Max(0, intervalCount));
        if (intervalCount <= 0 || first >= Events.Count)
        {
            return result;
        }

        // Walk the tree once (indexing an immutable list costs a descent per element).
        var take = Math.Min(intervalCount + 1, Events.Count - first);
        MachineStateEvent? current = null;
        var emitted = 0;
        foreach (var next in Events.GetRange(first, take))
        {
            if (current is not null && next.At > current.At)
            {
                result.Add(StateInterval.From(current, next.At));
            }

            if (current is not null && ++emitted == intervalCount)
            {
                return result;
            }

            current = next;
        }

        if (current is not null && emitted < intervalCount && now is { } end && end > current.At)
        {
            result.Add(StateInterval.From(current, end));
        }

        return result;
    }

    // After every event with the same or an earlier timestamp: equal timestamps keep arrival order.
    private int InsertPosition(DateTimeOffset at)
    {
        int low = 0, high = Events.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (Events[mid].At <= at)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private Refusal? Check(MachineStateEvent? stateEvent)
    {
        if (stateEvent is null)
        {
            return Refusal.Invalid("no event given");
        }

        if (!string.Equals(stateEvent.MachineId, MachineId, StringComparison.Ordinal))
        {
            return Refusal.Invalid($"event of machine {stateEvent.MachineId} given to the log of {MachineId}");
        }

        if (stateEvent.At == default)
        {
            return Refusal.Invalid("event has no timestamp");
        }

        if (!Enum.IsDefined(stateEvent.State) || !Enum.IsDefined(stateEvent.Mode) || !Enum.IsDefined(stateEvent.Quality) ||
            (stateEvent.Machinery is { } m && !Enum.IsDefined(m)))
        {
            return Refusal.Invalid("event names an unknown state, mode, data quality or machinery state");
        }

        return null;
    }

    private StateLogAppend Refused(Refusal refusal) => new(this, ImmutableArray<StateInterval>.Empty, false, refusal);
}
