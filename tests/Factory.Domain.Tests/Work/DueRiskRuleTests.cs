using Factory.Domain.Work;
using FsCheck.Xunit;
using Xunit;

namespace Factory.Domain.Tests.Work;

public class DueRiskRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(false, 60, 30, DueRisk.OnTrack)]
    [InlineData(false, 60, 60, DueRisk.OnTrack)]
    [InlineData(false, 60, 61, DueRisk.AtRisk)]
    [InlineData(false, -1, 30, DueRisk.Overdue)]
    [InlineData(true, -1, 90, DueRisk.Done)]
    [InlineData(true, 60, 90, DueRisk.Done)]
    public void An_order_is_at_risk_when_its_eta_is_after_its_due_date_and_overdue_once_that_passed(bool closed, int dueInMinutes, int etaInMinutes, DueRisk expected) =>
        Assert.Equal(expected, DueRiskRule.Of(closed, Now.AddMinutes(dueInMinutes), Now.AddMinutes(etaInMinutes), Now));

    [Fact]
    public void A_stale_eta_in_the_past_counts_as_now()
    {
        Assert.Equal(DueRisk.OnTrack, DueRiskRule.Of(false, Now.AddMinutes(1), Now.AddHours(-2), Now));
        Assert.Equal(DueRisk.OnTrack, DueRiskRule.Of(false, Now.AddMinutes(1), null, Now));
    }

    [Property]
    public bool Time_passing_never_brings_an_open_order_back_on_track_with_the_same_eta(int dueOffset, int etaOffset, ushort later)
    {
        var due = Now.AddSeconds(dueOffset % 100_000);
        var eta = Now.AddSeconds(etaOffset % 100_000);
        var before = DueRiskRule.Of(false, due, eta, Now);
        var after = DueRiskRule.Of(false, due, eta, Now.AddSeconds(later));
        return before == DueRisk.OnTrack || DueRiskRule.IsWorthTelling(after);
    }
}
