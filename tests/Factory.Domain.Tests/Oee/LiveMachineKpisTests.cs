using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Oee;

/// <summary>
/// Live figures kept from log tails (<see cref="LiveMachineKpis"/>) equal the batch calculation of the whole window
/// (<see cref="OeeCalculator"/>, what a <c>/kpis</c> query runs) at every read and between reads, and summed over
/// machines equal <see cref="OeeCalculator.ComputeMany"/>.
/// </summary>
public class LiveMachineKpisTests
{
    private static readonly TimeSpan[] Settles = [TimeSpan.Zero, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(7)];

    [Property(MaxTest = 300)]
    public void Figures_from_tails_equal_the_batch_calculation_at_every_read(int[] steps, int[] layout, int[] counts, int[] reads, byte settle)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var log = Machine.Of(g, "m1");
        var live = new LiveMachineKpis("m1", g.Window, g.Planned, TimeClassification.Default, GeneratedLog.ReasonTree, Settles[settle % Settles.Length]);
        foreach (var at in ReadTimes(g.Window, reads))
        {
            var (events, tailCounts) = log.Tail(live.ReadFrom, at);
            live.Take(events, tailCounts, at);
            Assert.False(live.Stale);
            Assert.Equal(log.Batch(g, at, at), live.Snapshot(at));

            // A machine that did not change meanwhile: its open interval simply lasts longer.
            var later = at + TimeSpan.FromMinutes(1 + Math.Abs(settle % 50));
            if (later <= g.Window.End)
            {
                Assert.Equal(log.Batch(g, at, later), live.Snapshot(later));
            }
        }
    }

    [Property(MaxTest = 200)]
    public void Machines_summed_equal_the_batch_calculation_of_the_line(int[] steps, int[] otherSteps, int[] layout, int[] counts, int[] otherCounts, int[] reads)
    {
        var g = GeneratedLog.Decode(steps, layout, counts);
        var other = GeneratedLog.Decode(otherSteps, layout, otherCounts);
        var machines = new[] { Machine.Of(g, "m1"), Machine.Of(other, "m2") };
        var live = machines.Select(m => new LiveMachineKpis(m.Id, g.Window, g.Planned, TimeClassification.Default, GeneratedLog.ReasonTree, TimeSpan.FromSeconds(10))).ToList();
        foreach (var at in ReadTimes(g.Window, reads))
        {
            for (var i = 0; i < machines.Length; i++)
            {
                var (events, tailCounts) = machines[i].Tail(live[i].ReadFrom, at);
                live[i].Take(events, tailCounts, at);
            }

            var window = new TimeRange(g.Window.Start, at);
            var batch = OeeCalculator.ComputeMany(
                ["m1", "m2"],
                [.. machines.SelectMany(m => m.Intervals(at, at))],
                [.. machines.SelectMany(m => m.CountsBefore(at))],
                _ => g.Planned, window, TimeClassification.Default, GeneratedLog.ReasonTree);
            Assert.Equal(batch, ProductionKpis.Sum(live.Select(l => l.Snapshot(at))));
        }
    }

    [Fact]
    public void What_is_read_again_is_only_the_tail()
    {
        var start = GeneratedLog.Origin;
        var window = new TimeRange(start, start.AddHours(8));
        var events = Enumerable.Range(0, 100)
            .Select(i => new MachineStateEvent("m1", start.AddMinutes(3 * i), i % 4 == 3 ? PackMlState.Held : PackMlState.Execute, UnitMode.Production, DataQuality.Good))
            .ToList();
        var log = new Machine("m1", events, []);
        var live = new LiveMachineKpis("m1", window, PlannedTime.ContinuousWith([]), TimeClassification.Default, null, TimeSpan.FromSeconds(10));
        var now = start.AddMinutes(299);
        var (first, _) = log.Tail(live.ReadFrom, now);
        live.Take(first, [], now);
        var (second, _) = log.Tail(live.ReadFrom, now.AddSeconds(1));

        Assert.Equal(100, first.Count);
        Assert.Single(second); // the event in force: nothing before it is read again
        Assert.Equal(events[^1].At, live.ReadFrom);
    }

    [Fact]
    public void A_read_that_does_not_continue_the_folded_past_marks_the_figures_stale()
    {
        var start = GeneratedLog.Origin;
        var live = new LiveMachineKpis("m1", new TimeRange(start, start.AddHours(8)), PlannedTime.ContinuousWith([]), TimeClassification.Default, null, TimeSpan.Zero);
        MachineStateEvent At(int minutes, PackMlState state) => new("m1", start.AddMinutes(minutes), state, UnitMode.Production, DataQuality.Good);
        live.Take([At(0, PackMlState.Execute), At(30, PackMlState.Held), At(60, PackMlState.Execute)], [], start.AddMinutes(90));
        Assert.False(live.Stale);

        // The log's past changed unseen: what is read from ReadFrom starts before what is folded.
        live.Take([At(10, PackMlState.Held), At(40, PackMlState.Execute), At(70, PackMlState.Held)], [], start.AddMinutes(100));
        Assert.True(live.Stale);
    }

    // Read instants inside the window, in time order (the window's end included).
    private static IEnumerable<DateTimeOffset> ReadTimes(TimeRange window, int[] reads) =>
        (reads ?? [])
            .Select(r => window.Start + TimeSpan.FromTicks((long)(window.Duration.Ticks * (Math.Abs(r % 1000) / 1000d))))
            .Append(window.End)
            .Where(t => t > window.Start)
            .Order();

    // A machine's log as its grain keeps it: events in time order, counts in any order, read by instants.
    private sealed record Machine(string Id, List<MachineStateEvent> Events, List<ProductionCount> Counts)
    {
        public static Machine Of(GeneratedLog g, string id) => new(
            id,
            [.. g.Events.Select(e => e with { MachineId = id }).OrderBy(e => e.At)],
            [.. g.Counts.Select(c => c with { MachineId = id })]);

        // What the grain answers for [from, to) seen at `to`: the event in force at `from` and later ones, counts from `from`.
        public (List<MachineStateEvent> Events, List<ProductionCount> Counts) Tail(DateTimeOffset from, DateTimeOffset to)
        {
            var first = Events.FindLastIndex(e => e.At <= from);
            return ([.. Events.Skip(Math.Max(first, 0)).TakeWhile(e => e.At < to)], [.. Counts.Where(c => c.At >= from && c.At < to)]);
        }

        public IEnumerable<ProductionCount> CountsBefore(DateTimeOffset seen) => Counts.Where(c => c.At < seen);

        // The intervals of what was logged before `seen`, the last one open until `until`.
        public IReadOnlyList<StateInterval> Intervals(DateTimeOffset seen, DateTimeOffset until) =>
            StateIntervalLog.IntervalsOf(Id, Events.Where(e => e.At < seen), until);

        // The batch figures of [window start, until) from what was logged before `seen`.
        public ProductionKpis Batch(GeneratedLog g, DateTimeOffset seen, DateTimeOffset until) =>
            OeeCalculator.Compute(Id, Intervals(seen, until), CountsBefore(seen), g.Planned, new TimeRange(g.Window.Start, until),
                TimeClassification.Default, GeneratedLog.ReasonTree);
    }
}
