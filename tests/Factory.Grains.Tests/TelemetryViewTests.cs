using System.Collections.Immutable;
using Factory.Contracts.Views;
using Factory.Domain.Plant;
using FsCheck;
using FsCheck.Xunit;

namespace Factory.Grains.Tests;

/// <summary>How a machine's telemetry takes a connector's batch (<see cref="TelemetryView.Taking"/>): a pure fold, no Orleans.</summary>
public sealed class TelemetryViewTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void What_a_batch_does_not_carry_stays_and_the_counters_count_as_read_only_when_it_carries_one()
    {
        var before = TelemetryView.Empty.Taking(Batch(At) with { Speed = 12, GoodCount = 40, Temperatures = Temps(("spindle", 61)) });
        Assert.Equal(At, before.CountersAt);

        var after = before.Taking(Batch(At.AddSeconds(5)) with { Setpoint = 15, Temperatures = Temps(("coolant", 20)) });

        Assert.Equal((12d, 15d, 40L), (after.Speed, after.Setpoint, after.GoodCount));
        Assert.Equal(61, after.Temperatures["spindle"]);
        Assert.Equal(20, after.Temperatures["coolant"]);
        Assert.Equal(At, after.CountersAt); // no counter in the second batch: they were last read with the first
        Assert.Equal(At.AddSeconds(5), after.SourceTimestamp);
    }

    [Fact]
    public void A_tag_that_changes_type_is_kept_only_as_its_newest_value()
    {
        var number = TelemetryView.Empty.Taking(Batch(At) with { Numbers = ImmutableDictionary<string, double>.Empty.Add("program", 7) });
        var text = number.Taking(Batch(At.AddSeconds(1)) with { Tags = ImmutableDictionary<string, string>.Empty.Add("program", "P-100") });
        Assert.Equal("P-100", text.Tags["program"]);
        Assert.False(text.Numbers.ContainsKey("program"));

        var back = text.Taking(Batch(At.AddSeconds(2)) with { Numbers = ImmutableDictionary<string, double>.Empty.Add("program", 8) });
        Assert.Equal(8, back.Numbers["program"]);
        Assert.False(back.Tags.ContainsKey("program"));
    }

    [Property(MaxTest = 200, QuietOnSuccess = true)]
    public void Every_tag_reads_as_the_last_batch_that_named_it_and_time_never_goes_back(NonEmptyArray<(byte Tag, bool AsText, short Value, short Seconds)> batches)
    {
        var view = TelemetryView.Empty;
        var expected = new Dictionary<string, object>(StringComparer.Ordinal);
        var newest = DateTimeOffset.MinValue;
        foreach (var (tag, asText, value, seconds) in batches.Get)
        {
            var name = "t" + (tag % 5);
            var at = At.AddSeconds(seconds);
            var batch = asText
                ? Batch(at) with { Tags = ImmutableDictionary<string, string>.Empty.Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture)) }
                : Batch(at) with { Numbers = ImmutableDictionary<string, double>.Empty.Add(name, value) };
            view = view.Taking(batch);
            expected[name] = asText ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : (double)value;
            newest = at > newest ? at : newest;
        }

        Assert.Equal(expected.Count, view.Tags.Count + view.Numbers.Count);
        foreach (var (name, value) in expected)
        {
            Assert.Equal(value, value is string ? view.Tags[name] : view.Numbers[name]);
        }

        Assert.Equal(newest, view.SourceTimestamp);
    }

    private static MachineTelemetry Batch(DateTimeOffset at) =>
        new("plc", null, null, null, null, null, null, null, null, null, null, DataQuality.Good, at, 1);

    private static ImmutableDictionary<string, double> Temps(params (string Name, double Value)[] values) =>
        values.ToImmutableDictionary(v => v.Name, v => v.Value);
}
