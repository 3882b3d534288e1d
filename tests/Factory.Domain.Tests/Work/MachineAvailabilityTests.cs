using Factory.Domain.PackMl;
using Factory.Domain.Plant;

namespace Factory.Domain.Tests.Work;

public sealed class MachineAvailabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(30);

    private static MachineCondition Condition(PackMlState state, UnitMode mode = UnitMode.Production, DataQuality quality = DataQuality.Good,
        TimeSpan? qualityAge = null, string? fault = null, bool plannedStop = false) =>
        new(state, mode, quality, Now - (qualityAge ?? TimeSpan.Zero), fault, plannedStop);

    [Theory]
    [InlineData(PackMlState.Aborting)]
    [InlineData(PackMlState.Aborted)]
    [InlineData(PackMlState.Stopped)]
    [InlineData(PackMlState.Stopping)]
    public void Aborted_and_unplanned_stops_are_failures(PackMlState state) =>
        Assert.True(MachineAvailability.IsFailed(Condition(state), Now, Grace));

    [Fact]
    public void Stopped_inside_a_planned_stop_is_not_a_failure() =>
        Assert.False(MachineAvailability.IsFailed(Condition(PackMlState.Stopped, plannedStop: true), Now, Grace));

    [Fact]
    public void Held_is_a_failure_only_with_a_fault_reason()
    {
        Assert.False(MachineAvailability.IsFailed(Condition(PackMlState.Held), Now, Grace));
        Assert.Contains("jam", MachineAvailability.WhyUnavailable(Condition(PackMlState.Held, fault: "jam"), Now, Grace));
    }

    [Fact]
    public void Suspended_is_a_line_problem_not_a_machine_failure() =>
        Assert.False(MachineAvailability.IsFailed(Condition(PackMlState.Suspended), Now, Grace));

    [Fact]
    public void Maintenance_mode_is_unavailable() =>
        Assert.Contains("Maintenance", MachineAvailability.WhyUnavailable(Condition(PackMlState.Execute, UnitMode.Maintenance), Now, Grace));

    [Theory]
    [InlineData(DataQuality.Disconnected)]
    [InlineData(DataQuality.Stale)]
    public void Lost_data_counts_only_after_the_grace_period(DataQuality quality)
    {
        Assert.False(MachineAvailability.IsFailed(Condition(PackMlState.Execute, quality: quality, qualityAge: Grace - TimeSpan.FromSeconds(1)), Now, Grace));
        Assert.True(MachineAvailability.IsFailed(Condition(PackMlState.Execute, quality: quality, qualityAge: Grace), Now, Grace));
    }

    [Fact]
    public void Line_status_follows_its_machines()
    {
        var running = (PackMlState.Execute, DataQuality.Good, false);
        var failed = (PackMlState.Aborted, DataQuality.Good, true);
        var idle = (PackMlState.Idle, DataQuality.Good, false);
        var blind = (PackMlState.Execute, DataQuality.Stale, false);
        Assert.Equal(LineStatus.Running, LineStatusRule.Derive([running, running]));
        Assert.Equal(LineStatus.Degraded, LineStatusRule.Derive([running, failed]));
        Assert.Equal(LineStatus.Degraded, LineStatusRule.Derive([running, blind]));
        Assert.Equal(LineStatus.Down, LineStatusRule.Derive([failed, idle]));
        Assert.Equal(LineStatus.Idle, LineStatusRule.Derive([idle, idle]));
        Assert.Equal(LineStatus.Idle, LineStatusRule.Derive([]));
    }
}
