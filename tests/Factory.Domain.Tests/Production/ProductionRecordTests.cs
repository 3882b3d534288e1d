using System.Collections.Immutable;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Factory.Domain.Production;

namespace Factory.Domain.Tests.Production;

/// <summary>The machine log's rules, without Orleans: posts, observed states, counters, stops, reasons, retention and reads.</summary>
public class ProductionRecordTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private static PostedMachineEvent Posted(DateTimeOffset at, PackMlState? state = null, long good = 0) =>
        new(at, state, null, null, null, null, good, 0, 0, null, null);

    private static MachineStateEvent Event(DateTimeOffset at, PackMlState state, string? reason = null) =>
        new("m1", at, state, UnitMode.Production, DataQuality.Good, reason);

    [Fact]
    public void A_post_is_refused_when_empty_too_large_or_an_event_has_no_time()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.Equal("no events given", record.Post([], 1).Refusal!.Reason);
        Assert.Contains("at most", record.Post([.. Enumerable.Repeat<PostedMachineEvent?>(Posted(T0, good: 1), ProductionRecord.MaxBatch + 1)], 1).Refusal!.Reason);
        Assert.Equal(RefusalKind.Invalid, record.Post([Posted(T0, PackMlState.Execute), null], 1).Refusal!.Kind);
        Assert.True(record.Post([Posted(default, PackMlState.Execute)], 1).IsRefused);
        Assert.Empty(record.Log.Events);
        Assert.Empty(record.Counts);
    }

    [Fact]
    public void A_mode_quality_or_reason_without_a_state_is_refused()
    {
        var record = ProductionRecord.Empty("m1");
        var change = record.Post([Posted(T0, PackMlState.Execute), Posted(T0.AddMinutes(1)) with { ReasonCode = "JAM" }], 1);
        Assert.Contains("without a state", change.Refusal!.Reason);
        Assert.Empty(record.Log.Events); // one bad event refuses the whole post
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_401)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_count_needs_an_ideal_cycle_time_of_at_most_a_day(double seconds)
    {
        var record = ProductionRecord.Empty("m1");
        Assert.Contains("idealCycleTimeSeconds", record.Post([Posted(T0, good: 3) with { IdealCycleTimeSeconds = seconds }], 1).Refusal!.Reason);
        Assert.Contains("idealCycleTimeSeconds", record.Post([Posted(T0, good: 3)], seconds).Refusal!.Reason); // the machine's own
        Assert.Empty(record.Counts);
    }

    [Fact]
    public void Negative_counts_and_tag_values_that_are_not_finite_are_refused()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.Contains("negative", record.Post([Posted(T0, good: -1)], 1).Refusal!.Reason);
        var tags = ImmutableDictionary<string, double>.Empty.Add("temp", double.NaN);
        Assert.Contains("finite", record.Post([Posted(T0) with { Tags = tags }], 1).Refusal!.Reason);
        Assert.True(record.Unappended.IsEmpty);
    }

    [Fact]
    public void A_post_records_states_counts_and_tags_for_the_historian()
    {
        var record = ProductionRecord.Empty("m1");
        var tags = ImmutableDictionary<string, double>.Empty.Add("temp", 71.5);
        var change = record.Post(
            [Posted(T0, PackMlState.Stopped) with { ReasonCode = "JAM" }, Posted(T0.AddMinutes(5), PackMlState.Execute, good: 10) with { IdealCycleTimeSeconds = 2 }, Posted(T0.AddMinutes(6)) with { Tags = tags }],
            4);

        Assert.True(change.Changed);
        Assert.Equal([PackMlState.Stopped, PackMlState.Execute], record.Log.Events.Select(e => e.State));
        Assert.Equal("JAM", record.Log.Events[0].ReasonCode);
        Assert.Equal(UnitMode.Production, record.Log.Events[0].Mode);
        var count = Assert.Single(record.Counts);
        Assert.Equal(TimeSpan.FromSeconds(2), count.IdealCycleTime);
        var batch = record.Unappended;
        Assert.Equal(2, batch.States.Count);
        Assert.Single(batch.Counts);
        Assert.Equal(71.5, Assert.Single(batch.Tags).Value);

        record.Appended();
        Assert.True(record.Unappended.IsEmpty);
        Assert.False(record.Post([Posted(T0.AddMinutes(7)) with { Tags = tags }], 4).Changed); // tags only: accepted, log unchanged
    }

    [Fact]
    public void A_post_takes_the_machine_pri_when_an_event_names_none()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.False(record.Post([Posted(T0, good: 1)], 2.5).IsRefused);
        Assert.Equal(TimeSpan.FromSeconds(2.5), record.Counts[0].IdealCycleTime);
    }

    [Fact]
    public void An_observed_condition_that_continues_the_last_event_adds_nothing()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.True(record.Observe(Event(T0, PackMlState.Execute)));
        Assert.False(record.Observe(Event(T0.AddSeconds(5), PackMlState.Execute)));
        Assert.True(record.Observe(Event(T0.AddMinutes(1), PackMlState.Stopped)));
        Assert.Equal(2, record.Log.Events.Count);
        Assert.Equal(2, record.Unappended.States.Count);
    }

    [Fact]
    public void A_late_observation_is_backfilled_rather_than_lost()
    {
        var record = ProductionRecord.Empty("m1");
        record.Observe(Event(T0.AddHours(1), PackMlState.Execute));
        Assert.True(record.Observe(Event(T0, PackMlState.Stopped))); // far older than the reorder bound
        Assert.Equal([T0, T0.AddHours(1)], record.Log.Events.Select(e => e.At));
    }

    [Fact]
    public void The_first_counter_reading_is_a_baseline_and_a_reset_counts_from_zero()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.False(record.CountFromCounters(1000, 50, T0, 1, null));
        Assert.Equal(1000, record.LastGoodCounter);
        Assert.True(record.CountFromCounters(1010, 52, T0.AddMinutes(1), 1, null));
        Assert.True(record.CountFromCounters(4, 0, T0.AddMinutes(2), 1, null)); // reset
        Assert.Equal([10L, 4L], record.Counts.Select(c => c.Good));
        Assert.Equal([2L, 0L], record.Counts.Select(c => c.Scrap));
        Assert.False(record.CountFromCounters(4, 0, T0.AddMinutes(3), 1, null)); // nothing made
    }

    [Fact]
    public void Counter_increments_within_a_minute_are_one_bucket_and_one_historian_row()
    {
        var record = ProductionRecord.Restore("m1", [], [], [], 0, 0);
        record.CountFromCounters(3, 0, T0.AddSeconds(1), 2, "wo1");
        record.CountFromCounters(5, 1, T0.AddSeconds(30), 2, "wo1");
        var bucket = Assert.Single(record.Counts);
        Assert.Equal((5L, 1L, T0.AddSeconds(1)), (bucket.Good, bucket.Scrap, bucket.At));
        Assert.Equal(bucket, Assert.Single(record.Unappended.Counts)); // the pending row is replaced by the new totals

        record.Appended();
        record.CountFromCounters(6, 1, T0.AddSeconds(50), 2, "wo1");
        Assert.Equal(6, Assert.Single(record.Unappended.Counts).Good); // an appended row is written again with its new totals

        record.CountFromCounters(7, 1, T0.AddSeconds(55), 2, "wo2"); // another order
        record.CountFromCounters(8, 1, T0.AddSeconds(56), 3, "wo2"); // another PRI
        record.CountFromCounters(9, 1, T0.AddSeconds(61), 3, "wo2"); // the next minute
        Assert.Equal(4, record.Counts.Count);
    }

    [Fact]
    public void The_pri_of_counted_output_is_one_second_when_the_machine_has_none()
    {
        var record = ProductionRecord.Restore("m1", [], [], [], 0, 0);
        record.CountFromCounters(1, 0, T0, 0, null);
        Assert.Equal(TimeSpan.FromSeconds(1), record.Counts[0].IdealCycleTime);
    }

    [Fact]
    public void The_plc_reason_tag_is_read_through_the_reason_tree_codes()
    {
        var codes = new Dictionary<int, string> { [7] = "JAM" };
        var tags = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase) { ["reason"] = 7 };
        Assert.Equal("JAM", ProductionRecord.PlcReason(tags, PackMlState.Stopped, "REASON", codes));
        Assert.Null(ProductionRecord.PlcReason(tags, PackMlState.Execute, "reason", codes)); // producing: no reason
        Assert.Null(ProductionRecord.PlcReason(tags, PackMlState.Stopped, "other", codes));
        Assert.Null(ProductionRecord.PlcReason(new Dictionary<string, double> { ["reason"] = 7.5 }, PackMlState.Stopped, "reason", codes));
        Assert.Null(ProductionRecord.PlcReason(new Dictionary<string, double> { ["reason"] = 8 }, PackMlState.Stopped, "reason", codes));
        Assert.Null(ProductionRecord.PlcReason(new Dictionary<string, double> { ["reason"] = double.NaN }, PackMlState.Stopped, "reason", codes));
        Assert.Null(ProductionRecord.PlcReason(new Dictionary<string, double> { ["reason"] = 1e12 }, PackMlState.Stopped, "reason", codes));
    }

    [Fact]
    public void A_planned_stop_is_added_once_and_removed_by_its_id()
    {
        var record = ProductionRecord.Empty("m1");
        var stop = new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddMinutes(30));
        Assert.True(record.AddPlannedStop(stop).Changed);
        var again = record.AddPlannedStop(stop with { });
        Assert.False(again.IsRefused || again.Changed); // the same stop again: accepted, nothing changes
        Assert.Single(record.Stops);

        Assert.Equal(RefusalKind.NotFound, record.RemovePlannedStop("nope").Refusal!.Kind);
        Assert.True(record.RemovePlannedStop(stop.Id).Changed);
        Assert.Empty(record.PlannedStops());
    }

    [Fact]
    public void An_invalid_or_missing_planned_stop_is_refused()
    {
        var record = ProductionRecord.Empty("m1");
        Assert.Equal("no planned stop given", record.AddPlannedStop(null).Refusal!.Reason);
        Assert.Equal(RefusalKind.Invalid, record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0, T0)).Refusal!.Kind);
        Assert.Empty(record.Stops);
    }

    [Fact]
    public void Planned_stops_are_listed_by_start()
    {
        var record = ProductionRecord.Empty("m1");
        record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0.AddHours(2), T0.AddHours(3)));
        record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddHours(1)));
        Assert.Equal([T0, T0.AddHours(2)], record.PlannedStops().Select(s => s.Start));
    }

    [Fact]
    public void A_reason_is_attached_to_down_time_only()
    {
        var record = ProductionRecord.Empty("m1");
        record.Observe(Event(T0, PackMlState.Stopped));
        record.Observe(Event(T0.AddMinutes(5), PackMlState.Execute));
        record.Appended();

        Assert.Equal(RefusalKind.Invalid, record.AttachReason(T0, " ").Refusal!.Kind);
        Assert.Equal(RefusalKind.NotFound, record.AttachReason(T0.AddMinutes(1), "JAM").Refusal!.Kind);
        Assert.Equal(RefusalKind.Conflict, record.AttachReason(T0.AddMinutes(5), "JAM").Refusal!.Kind);
        Assert.True(record.AttachReason(T0, "JAM").Changed);
        Assert.Equal("JAM", record.Log.Events[0].ReasonCode);
        Assert.Equal("JAM", Assert.Single(record.Unappended.States).ReasonCode);
    }

    [Fact]
    public void Compaction_keeps_62_days_and_the_event_in_force_then()
    {
        var now = T0.AddDays(100);
        var record = ProductionRecord.Restore(
            "m1",
            [Event(T0, PackMlState.Stopped), Event(T0.AddDays(1), PackMlState.Execute), Event(now.AddDays(-1), PackMlState.Stopped)],
            [new ProductionCount("m1", T0, 1, 0, 0, TimeSpan.FromSeconds(1)), new ProductionCount("m1", now.AddDays(-2), 1, 0, 0, TimeSpan.FromSeconds(1))],
            [new PlannedStop("m1", PlannedStopKind.Break, T0, T0.AddHours(1)), new PlannedStop("m1", PlannedStopKind.Break, now.AddDays(-3), now.AddDays(-3).AddHours(1))],
            null,
            null);

        record.Compact(now);

        Assert.Equal([T0.AddDays(1), now.AddDays(-1)], record.Log.Events.Select(e => e.At)); // Execute was in force at the horizon
        Assert.Equal(now.AddDays(-2), Assert.Single(record.Counts).At);
        Assert.Equal(now.AddDays(-3), Assert.Single(record.Stops).Start);
    }

    [Fact]
    public void A_window_holds_the_event_in_force_at_its_start_and_what_falls_in_it()
    {
        var record = ProductionRecord.Empty("m1");
        record.Post([Posted(T0, PackMlState.Execute), Posted(T0.AddHours(1), PackMlState.Stopped), Posted(T0.AddHours(3), PackMlState.Execute)], 1);
        record.Post([Posted(T0.AddMinutes(90), good: 2), Posted(T0.AddMinutes(30), good: 1), Posted(T0.AddHours(3), good: 4)], 1); // out of order
        record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0.AddHours(2), T0.AddMinutes(150)));
        record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0.AddHours(5), T0.AddHours(6)));

        var window = record.Read(T0.AddMinutes(75), T0.AddHours(3));

        Assert.Equal([T0.AddHours(1)], window.Events.Select(e => e.At));
        Assert.Equal(2, Assert.Single(window.Counts).Good);
        Assert.Equal(T0.AddHours(2), Assert.Single(window.Stops).Start);
    }

    [Fact]
    public void A_tail_reader_reads_only_the_tail_until_the_past_changes()
    {
        var record = ProductionRecord.Restore("m1", [], [], [], 0, 0);
        record.Observe(Event(T0, PackMlState.Execute));
        for (var minute = 1; minute <= 10; minute++)
        {
            record.CountFromCounters(minute, 0, T0.AddMinutes(minute), 1, null);
        }

        var first = record.Tail(T0, T0, T0.AddHours(1), Guid.Empty, 0);
        Assert.True(first.FromStart);
        Assert.Equal(10, first.Window.Counts.Length);

        record.CountFromCounters(11, 0, T0.AddMinutes(11), 1, null);
        var tail = record.Tail(T0, T0.AddMinutes(10).AddSeconds(30), T0.AddHours(1), first.Epoch, first.Revision);
        Assert.False(tail.FromStart);
        Assert.Equal(T0.AddMinutes(11), Assert.Single(tail.Window.Counts).At); // found from the end

        record.AttachReason(T0, "X"); // production takes no reason: refused, nothing changes
        record.AddPlannedStop(new PlannedStop("m1", PlannedStopKind.Break, T0.AddHours(2), T0.AddHours(3)));
        var again = record.Tail(T0, T0.AddMinutes(11).AddSeconds(30), T0.AddHours(1), tail.Epoch, tail.Revision);
        Assert.True(again.FromStart); // a stop changes planned time from the window's start
        Assert.Equal(11, again.Window.Counts.Length);
        Assert.Single(again.Window.Stops);
    }
}
