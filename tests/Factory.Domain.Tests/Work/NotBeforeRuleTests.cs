using Factory.Domain.Limits;
using Factory.Domain.Work;
using Xunit;

namespace Factory.Domain.Tests.Work;

/// <summary>#18: a manager's earliest start for an operation (a Gantt bar dragged to a later time).</summary>
public class NotBeforeRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void None_asks_for_nothing()
    {
        Assert.Null(NotBeforeRule.Check(null, Now, out var kept));
        Assert.Null(kept);
    }

    [Fact]
    public void A_later_time_is_kept_as_given()
    {
        var at = Now.AddHours(3);

        Assert.Null(NotBeforeRule.Check(at, Now, out var kept));
        Assert.Equal(at, kept);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(-10)]
    public void A_time_at_or_just_before_now_means_as_soon_as_possible(int minutes)
    {
        Assert.Null(NotBeforeRule.Check(Now.AddMinutes(minutes), Now, out var kept));
        Assert.Null(kept);
    }

    [Fact]
    public void A_time_further_in_the_past_is_refused_as_invalid()
    {
        var refusal = NotBeforeRule.Check(Now - TimeLimits.PastTolerance - TimeSpan.FromSeconds(1), Now, out var kept);

        Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
        Assert.Contains("in the past", refusal!.Reason, StringComparison.Ordinal);
        Assert.Null(kept);
    }

    [Fact]
    public void A_time_beyond_the_longest_deferral_is_refused_but_the_bound_itself_is_fine()
    {
        Assert.Null(NotBeforeRule.Check(Now + TimeLimits.LongestDeferral, Now, out _));

        var refusal = NotBeforeRule.Check(Now + TimeLimits.LongestDeferral + TimeSpan.FromSeconds(1), Now, out var kept);

        Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
        Assert.Contains("90 days", refusal!.Reason, StringComparison.Ordinal);
        Assert.Null(kept);
    }

    [Fact]
    public void A_time_outside_the_accepted_range_names_the_range()
    {
        var refusal = NotBeforeRule.Check(DateTimeOffset.MaxValue, Now, out _);

        Assert.Equal(RefusalKind.Invalid, refusal?.Kind);
        Assert.Contains("accepted range", refusal!.Reason, StringComparison.Ordinal);
    }
}
