using Factory.Domain.Plant;
using Factory.Domain.PackMl;
using Factory.Domain.Production;
using FsCheck.Xunit;

namespace Factory.Domain.Tests.Production;

/// <summary>Properties of the production record over arbitrary counter readings and posts.</summary>
public class ProductionRecordPropertyTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    /// <summary>However the readings climb, reset and repeat, the per-minute buckets hold exactly what the counter counted.</summary>
    [Property(MaxTest = 300)]
    public void Counts_bucketed_per_minute_sum_to_the_counter_increments(int[] steps)
    {
        var record = ProductionRecord.Empty("m1");
        var reference = PartCounter.Unread;
        var at = T0;
        var reading = 0L;
        foreach (var raw in steps ?? [])
        {
            var step = (uint)raw;
            reading = step % 10 == 0 ? step / 10 % 5 : reading + step / 10 % 7; // now and then the PLC resets
            at = at.AddSeconds(1 + step % 40);
            reference = reference.Observe(reading);
            record.CountFromCounters(reading, 0, at, 1 + step % 2, null);
        }

        Assert.Equal(reference.Counted, record.Counts.Sum(c => c.Good));
        Assert.Equal(reference.Counted, record.Unappended.Counts.Sum(c => c.Good)); // one historian row per bucket
        Assert.All(record.Counts.Zip(record.Counts.Skip(1)), pair =>
            Assert.True(pair.First.At.UtcTicks / TimeSpan.TicksPerMinute != pair.Second.At.UtcTicks / TimeSpan.TicksPerMinute ||
                pair.First.IdealCycleTime != pair.Second.IdealCycleTime));
    }

    /// <summary>A post with one bad event changes nothing: not the log, the counts, the historian rows nor the revision.</summary>
    [Property(MaxTest = 300)]
    public void A_refused_post_changes_nothing(int[] offsets, byte bad)
    {
        var record = ProductionRecord.Empty("m1");
        record.Post([new PostedMachineEvent(T0, PackMlState.Execute, null, null, null, null, 1, 0, 0, null, null)], 1);
        var (events, counts, revision, rows) = (record.Log.Events, record.Counts.ToList(), record.Revisions.Revision, record.Unappended.RowCount);

        var batch = (offsets ?? []).Select(o => (PostedMachineEvent?)new PostedMachineEvent(
            T0.AddMinutes(o % 10_000), (PackMlState)(1 + (uint)o % 3), null, null, null, null, (uint)o % 4, 0, 0, null, null)).ToList();
        PostedMachineEvent? refused = (bad % 4) switch
        {
            0 => null,
            1 => new PostedMachineEvent(T0, null, null, null, "JAM", null, 0, 0, 0, null, null),
            2 => new PostedMachineEvent(T0, null, null, null, null, null, -1, 0, 0, null, null),
            _ => new PostedMachineEvent(T0, null, null, null, null, null, 1, 0, 0, 0, null),
        };
        batch.Insert(bad % (batch.Count + 1), refused);

        Assert.True(record.Post(batch, 1).IsRefused);
        Assert.Same(events, record.Log.Events);
        Assert.Equal(counts, record.Counts);
        Assert.Equal(revision, record.Revisions.Revision);
        Assert.Equal(rows, record.Unappended.RowCount);
    }
}
