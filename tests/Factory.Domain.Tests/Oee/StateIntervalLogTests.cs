using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class StateIntervalLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static MachineStateEvent E(int second, PackMlState state, string machine = "m1") =>
        new(machine, T0.AddSeconds(second), state, UnitMode.Production, DataQuality.Good);

    [Fact]
    public void Out_of_order_events_within_the_bound_give_non_overlapping_intervals()
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(10));
        var sealedIntervals = new List<StateInterval>();
        foreach (var e in new[] { E(0, PackMlState.Idle), E(8, PackMlState.Execute), E(5, PackMlState.Starting), E(30, PackMlState.Held), E(25, PackMlState.Execute) })
        {
            var result = log.Append(e);
            Assert.Null(result.Refusal);
            sealedIntervals.AddRange(result.Sealed);
            log = result.Log;
        }

        var all = log.Intervals(T0.AddSeconds(40));
        // The repeated Execute at 25 s stays a boundary (a late event could still have fallen between).
        Assert.Equal([PackMlState.Idle, PackMlState.Starting, PackMlState.Execute, PackMlState.Execute, PackMlState.Held], all.Select(i => i.State));
        for (var i = 1; i < all.Count; i++)
        {
            Assert.Equal(all[i - 1].End, all[i].Start);
        }

        // Watermark 20 s: the intervals that ended by then are sealed and were handed out once, in order.
        Assert.Equal(all.Take(sealedIntervals.Count), sealedIntervals);
        Assert.Equal([PackMlState.Idle, PackMlState.Starting], sealedIntervals.Select(i => i.State));
    }

    [Fact]
    public void Too_late_event_is_refused_and_backfill_is_accepted()
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(5)).Append(E(0, PackMlState.Execute)).Log.Append(E(100, PackMlState.Stopped)).Log;
        var late = log.Append(E(50, PackMlState.Held));
        Assert.Equal(RefusalKind.Conflict, late.Refusal!.Kind);
        Assert.Same(log, late.Log);

        var backfilled = log.Backfill([E(50, PackMlState.Held)]);
        Assert.Null(backfilled.Refusal);
        Assert.True(backfilled.HistoryChanged);
        Assert.Equal(3, backfilled.Log.Intervals(T0.AddSeconds(120)).Count);
        Assert.Single(backfilled.Log.SealedIntervals()); // [50, 100) ends after the watermark (95 s)
    }

    [Fact]
    public void Bad_events_are_refused()
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(5));
        Assert.Equal(RefusalKind.Invalid, log.Append(E(0, PackMlState.Execute, "m2")).Refusal!.Kind);
        Assert.Equal(RefusalKind.Invalid, log.Append(E(0, (PackMlState)99)).Refusal!.Kind);
        Assert.Equal(RefusalKind.Invalid, log.Backfill([E(0, PackMlState.Execute), E(1, PackMlState.Execute, "m2")]).Refusal!.Kind);
        Assert.Empty(log.Events);
    }

    [Fact]
    public void Redelivery_is_ignored_and_compaction_keeps_the_state_in_force()
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(60));
        foreach (var e in new[] { E(0, PackMlState.Execute), E(0, PackMlState.Execute), E(10, PackMlState.Execute), E(20, PackMlState.Held), E(30, PackMlState.Execute), E(100, PackMlState.Stopped) })
        {
            log = log.Append(e).Log;
        }

        Assert.Equal(5, log.Events.Count);
        var compact = log.Compact(T0.AddSeconds(25));
        Assert.Equal(3, compact.Events.Count);
        Assert.Equal(PackMlState.Held, compact.Events[0].State);
        Assert.Equal(compact.Intervals(T0.AddSeconds(110)), log.Intervals(T0.AddSeconds(110)).Skip(2));
        Assert.Equal(log.SealedIntervals().Skip(2), compact.SealedIntervals());
    }

    [Fact]
    public void A_repeated_condition_is_kept_so_a_late_event_between_still_counts()
    {
        var log = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(60));
        log = log.Append(E(0, PackMlState.Execute)).Log.Append(E(20, PackMlState.Execute)).Log.Append(E(10, PackMlState.Held)).Log;
        Assert.Equal([PackMlState.Execute, PackMlState.Held, PackMlState.Execute], log.Intervals(T0.AddSeconds(30)).Select(i => i.State));
    }

    [Fact]
    public void Restores_from_persisted_events_in_any_order()
    {
        var live = StateIntervalLog.Empty("m1", TimeSpan.FromSeconds(10));
        var events = new[] { E(0, PackMlState.Idle), E(5, PackMlState.Starting), E(8, PackMlState.Execute), E(30, PackMlState.Held) };
        foreach (var e in events)
        {
            live = live.Append(e).Log;
        }

        var (restored, refusal) = StateIntervalLog.Restore("m1", TimeSpan.FromSeconds(10), events.Reverse());
        Assert.Null(refusal);
        Assert.Equal(live.SealedCount, restored!.SealedCount);
        Assert.Equal(live.Intervals(T0.AddMinutes(1)), restored.Intervals(T0.AddMinutes(1)));
        Assert.NotNull(StateIntervalLog.Restore("m1", TimeSpan.FromSeconds(10), [E(0, PackMlState.Idle, "m2")]).Refusal);
    }
}
