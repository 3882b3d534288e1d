using Factory.Domain.Plant;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Factory.Domain.Tests.Work;

public sealed class PartCounterTests
{
    [Fact]
    public void The_first_reading_is_only_a_baseline()
    {
        var counter = PartCounter.Unread.Observe(29_476);
        Assert.Equal(0, counter.Counted);
        Assert.Equal(5, counter.Observe(29_481).Counted);
        Assert.Equal(5, PartCounter.From(100).Observe(105).Counted);
        Assert.Equal(0, PartCounter.From(null).Observe(105).Counted);
    }

    [Fact]
    public void A_counter_that_goes_down_was_reset_and_counts_from_zero()
    {
        var counter = PartCounter.From(500).Observe(510).Observe(3).Observe(7);
        Assert.Equal(17, counter.Counted);
        Assert.Equal(17, counter.Observe(-4).Counted);
        Assert.Equal(17, counter.Observe((long?)null).Counted);
    }

    /// <summary>
    /// A machine makes parts and now and then resets its counter; the host reads it at random moments (several readings
    /// of one value are repeats, as after a reconnect). Every reset is read before the counter climbs back past its last
    /// reading (the only resets a cumulative counter can show). Then no part is credited twice or lost.
    /// </summary>
    [Property(MaxTest = 500)]
    public Property No_part_is_credited_twice_or_lost_across_resets_and_repeated_readings() =>
        Prop.ForAll(Steps().ToArbitrary(), steps =>
        {
            var (counted, made) = Run(steps, restoreEvery: 0);
            return counted == made;
        });

    /// <summary>Restoring an older saved state (a crash before a save) and reading on credits every part exactly once.</summary>
    [Property(MaxTest = 500)]
    public Property Restoring_an_older_saved_counter_credits_every_part_once() =>
        Prop.ForAll(Steps().ToArbitrary(), Gen.Choose(2, 6).ToArbitrary(), (steps, every) =>
        {
            var (counted, made) = Run(steps, every);
            return counted == made;
        });

    private static (long Counted, long Made) Run((int Made, bool Reset)[] steps, int restoreEvery)
    {
        long plc = 1_000; // a lifetime counter already running when the host starts
        var counter = PartCounter.Unread.Observe(plc);
        var saved = counter;
        long made = 0;
        for (var i = 0; i < steps.Length; i++)
        {
            var (n, reset) = steps[i];
            if (reset && counter.Last is { } last && last > 0)
            {
                // The PLC restarts its counter and is read before it climbs back past the last reading.
                plc = Math.Min(n, last - 1);
                made += plc;
            }
            else
            {
                plc += n;
                made += n;
            }

            counter = counter.Observe(plc).Observe(plc);
            if (restoreEvery > 0 && i % restoreEvery == 0)
            {
                saved = counter;
            }
            else if (restoreEvery > 0 && i % restoreEvery == restoreEvery - 1 && !reset)
            {
                // The process died before saving: the last saved pair comes back and the next reading catches up.
                var lostResetSinceSave = steps.Skip(i - (restoreEvery - 1)).Take(restoreEvery - 1).Any(s => s.Reset);
                if (!lostResetSinceSave)
                {
                    counter = saved.Observe(plc);
                }
            }
        }

        return (counter.Counted, made);
    }

    private static Gen<(int Made, bool Reset)[]> Steps() =>
        Gen.Zip(Gen.Choose(0, 50), Gen.Frequency((1, Gen.Constant(true)), (6, Gen.Constant(false)))).ArrayOf();
}
