using Factory.Domain.Oee;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Oee;

/// <summary>A tail reader is told to read from the start exactly when the log's past before its instant changed.</summary>
public class LogRevisionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_reader_of_another_load_or_a_new_one_reads_from_the_start()
    {
        var revisions = new LogRevisions();
        Assert.True(revisions.ChangedAtOrBefore(Guid.Empty, 0, T0));
        Assert.True(revisions.ChangedAtOrBefore(Guid.NewGuid(), revisions.Revision, T0));
        Assert.False(revisions.ChangedAtOrBefore(revisions.Epoch, revisions.Revision, T0));
        Assert.True(revisions.ChangedAtOrBefore(revisions.Epoch, revisions.Revision + 1, T0)); // a revision never given
    }

    [Fact]
    public void A_change_at_the_reader_instant_counts_as_before_it()
    {
        var revisions = new LogRevisions(Guid.NewGuid());
        var seen = revisions.Revision;
        revisions.Touch(T0);
        Assert.True(revisions.ChangedAtOrBefore(revisions.Epoch, seen, T0));
        Assert.False(revisions.ChangedAtOrBefore(revisions.Epoch, seen, T0.AddTicks(-1)));
        Assert.False(revisions.ChangedAtOrBefore(revisions.Epoch, revisions.Revision, T0.AddHours(1)));
    }

    [Fact]
    public void A_reader_older_than_what_is_remembered_reads_from_the_start()
    {
        var revisions = new LogRevisions(Guid.NewGuid());
        revisions.Touch(T0.AddHours(1));
        var seen = revisions.Read();

        // Capacity + 1 later changes, each read by someone: the one right after the reader's is forgotten.
        for (var i = 0; i <= LogRevisions.Capacity; i++)
        {
            revisions.Touch(T0.AddHours(2));
            revisions.Read();
        }

        Assert.True(revisions.ChangedAtOrBefore(revisions.Epoch, seen, T0));
        Assert.False(revisions.ChangedAtOrBefore(revisions.Epoch, seen + 1, T0));
    }

    /// <summary>
    /// Changes and reads in any order (changes with no read between them are kept as one): a reader is told the past
    /// changed exactly when a change after its read touched the instant or earlier.
    /// </summary>
    [Property(MaxTest = 300)]
    public void Changed_exactly_when_a_later_change_touched_the_instant_or_earlier(int[] steps, byte readAt, int probe)
    {
        var revisions = new LogRevisions(Guid.NewGuid());
        var changes = new List<(long Revision, DateTimeOffset At)>();
        var reads = new List<long> { revisions.Read() };
        foreach (var step in (steps ?? []).Take(LogRevisions.Capacity - 4)) // within what is remembered
        {
            if (step % 3 == 0)
            {
                reads.Add(revisions.Read());
            }
            else
            {
                var at = T0.AddMinutes(step % 600);
                changes.Add((revisions.Touch(at), at));
            }
        }

        var seen = reads[readAt % reads.Count];
        var instant = T0.AddMinutes(probe % 600);
        Assert.Equal(changes.Any(c => c.Revision > seen && c.At <= instant), revisions.ChangedAtOrBefore(revisions.Epoch, seen, instant));
    }
}
