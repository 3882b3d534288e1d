using Factory.Domain.Costs;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;

namespace Factory.Domain.Tests.Oee;

public sealed class FailureReasonsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private static DowntimeStop Stop(int startMinute, int minutes, TimeElement element, string? reason, string machine = "m1") =>
        new(machine, T0.AddMinutes(startMinute), T0.AddMinutes(startMinute), T0.AddMinutes(startMinute + minutes), PackMlState.Stopped, element, reason);

    private static readonly DowntimeStop[] Stops =
    [
        Stop(0, 10, TimeElement.Adot, "FAIL"),
        Stop(20, 15, TimeElement.Adot, "FAIL"),
        Stop(40, 30, TimeElement.Adot, null),
        Stop(80, 60, TimeElement.Asut, "SETUP"),
        Stop(150, 90, TimeElement.Adet, "WAIT"),
        Stop(250, 5, TimeElement.Adot, "WAIT"),
    ];

    [Fact]
    public void Only_failure_time_counts_by_total_duration_with_counts_biggest_first()
    {
        var top = FailureReasons.Top(Stops, GeneratedLog.ReasonTree, 5);

        Assert.Equal([null, "FAIL", "WAIT"], top.Select(r => r.ReasonCode));
        Assert.Equal([30, 25, 5], top.Select(r => r.Lost.TotalMinutes));
        Assert.Equal([1, 2, 1], top.Select(r => r.Stops));
        Assert.Equal(25.0 / 60, top[1].Share, 9);
        Assert.Equal("unexplained", top[0].ReasonName);
    }

    [Fact]
    public void The_list_is_cut_at_the_count_asked_for()
    {
        Assert.Equal(["FAIL"], FailureReasons.Top(Stops.Where(s => s.ReasonCode is not null), GeneratedLog.ReasonTree, 1).Select(r => r.ReasonCode));
        Assert.Empty(FailureReasons.Top(Stops, GeneratedLog.ReasonTree, 0));
        Assert.Empty(FailureReasons.Top([], GeneratedLog.ReasonTree, 5));
    }

    [Fact]
    public void Downtime_costs_the_machines_idle_rate_and_is_unknown_without_a_rate()
    {
        var rates = CostRates.None with
        {
            Machines = CostRates.None.Machines.Add("m1", new MachineRate(RunningPerHour: 72m, IdlePerHour: 18m)),
        };
        DowntimeStop[] stops = [.. Stops, Stop(0, 600, TimeElement.Adot, "FAIL", machine: "m2")];

        // 10 + 15 + 30 + 60 + 90 + 5 = 210 minutes of lost time on m1 = 3.5 h at 18 an hour; m2's stop is not m1's.
        Assert.Equal(63m, DowntimeCost.Of("m1", stops, rates));
        Assert.Null(DowntimeCost.Of("m2", stops, rates));
        Assert.Equal(0m, DowntimeCost.Of("m1", [], rates));
    }

    [Fact]
    public void A_range_splits_at_utc_midnights()
    {
        var range = new TimeRange(T0, T0.AddDays(2));
        var days = range.UtcDays().ToList();

        Assert.Equal(3, days.Count);
        var midnight = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new TimeRange(T0, midnight), days[0]);
        Assert.Equal(new TimeRange(midnight, midnight.AddDays(1)), days[1]);
        Assert.Equal(range.End, days[2].End);
        Assert.Equal(range.Duration, days.Aggregate(TimeSpan.Zero, (sum, d) => sum + d.Duration));
        Assert.Empty(new TimeRange(T0, T0).UtcDays());
        Assert.Single(new TimeRange(midnight, midnight.AddDays(1)).UtcDays());
    }
}
