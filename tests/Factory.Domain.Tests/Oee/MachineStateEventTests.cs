using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Domain.Plant;
using Xunit;

namespace Factory.Domain.Tests.Oee;

public class MachineStateEventTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 5, 8, 0, 0, TimeSpan.Zero);

    private static MachineStateEvent Stop(int second, string? reason = null) =>
        new("m1", T0.AddSeconds(second), PackMlState.Stopped, UnitMode.Production, DataQuality.Good, reason, "WO-1");

    [Fact]
    public void A_reason_attached_to_an_ongoing_stop_survives_the_next_plc_update_without_one()
    {
        var explained = Stop(0, "material.shortage");
        Assert.True(explained.ContinuedBy(Stop(0)));
        Assert.False(explained.SameConditionAs(Stop(0)));
    }

    [Fact]
    public void A_plc_reason_of_its_own_is_news()
    {
        Assert.False(Stop(0, "material.shortage").ContinuedBy(Stop(0, "mechanical.jam")));
        Assert.False(Stop(0).ContinuedBy(Stop(0, "mechanical.jam")));
    }

    [Fact]
    public void A_stop_entered_again_later_is_a_new_interval_without_the_old_reason()
    {
        Assert.False(Stop(0, "material.shortage").ContinuedBy(Stop(30)));
    }

    [Fact]
    public void Another_state_mode_quality_or_order_is_always_news()
    {
        var explained = Stop(0, "material.shortage");
        Assert.False(explained.ContinuedBy(explained with { ReasonCode = null, State = PackMlState.Held }));
        Assert.False(explained.ContinuedBy(explained with { ReasonCode = null, Mode = UnitMode.Maintenance }));
        Assert.False(explained.ContinuedBy(explained with { ReasonCode = null, Quality = DataQuality.Uncertain }));
        Assert.False(explained.ContinuedBy(explained with { ReasonCode = null, WorkOrderId = "WO-2" }));
        Assert.True(explained.ContinuedBy(explained));
    }
}
