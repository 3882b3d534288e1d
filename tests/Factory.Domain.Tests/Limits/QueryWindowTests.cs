using Factory.Domain.Limits;

namespace Factory.Domain.Tests.Limits;

/// <summary>#10: one policy for every query window — sane ends, to after from, at most the query's longest span.</summary>
public class QueryWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_within_its_span_is_accepted_as_asked()
    {
        var (window, problem) = QueryWindow.Of(Now.AddDays(-31), Now, QueryWindow.Detail);
        Assert.Null(problem);
        Assert.Equal(new QueryWindow(Now.AddDays(-31), Now), window);
        Assert.Equal(TimeSpan.FromDays(31), window!.Length);
    }

    [Fact]
    public void Missing_ends_default_to_now_and_the_fallback_before_it()
    {
        Assert.Equal(new QueryWindow(Now.AddDays(-7), Now), QueryWindow.Of(null, null, TimeSpan.FromDays(7), QueryWindow.Log, Now).Window);
        Assert.Equal(new QueryWindow(Now.AddDays(-8), Now.AddDays(-1)), QueryWindow.Of(null, Now.AddDays(-1), TimeSpan.FromDays(7), QueryWindow.Log, Now).Window);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void To_must_come_after_from(int hours)
    {
        var problem = QueryWindow.Problem(Now, Now.AddHours(hours), QueryWindow.Rollup);
        Assert.Equal("'from' must be before 'to' and the window at most 400 days", problem);
    }

    [Fact]
    public void A_window_longer_than_its_span_is_refused_naming_the_span()
    {
        Assert.Contains("at most 31 days", QueryWindow.Problem(Now.AddDays(-31).AddTicks(-1), Now, QueryWindow.Detail));
        Assert.Contains("at most 62 days", QueryWindow.Problem(Now.AddDays(-63), Now, QueryWindow.Log));
        Assert.Null(QueryWindow.Problem(Now.AddDays(-63), Now, QueryWindow.Rollup));
    }

    [Fact]
    public void Ends_outside_the_plants_time_range_are_refused_before_any_arithmetic()
    {
        Assert.Contains("2100", QueryWindow.Problem(Now, DateTimeOffset.MaxValue, QueryWindow.Rollup));
        Assert.Contains("'from'", QueryWindow.Problem(DateTimeOffset.MinValue, Now, QueryWindow.Rollup));
    }

    [Fact]
    public void Both_ends_are_required_where_the_query_has_no_default()
    {
        Assert.Equal("'from' and 'to' are required, at most 31 days apart", QueryWindow.Of(Now, null, QueryWindow.Detail).Problem);
        Assert.Equal("'from' and 'to' are required, at most 31 days apart", QueryWindow.Of(null, Now, QueryWindow.Detail).Problem);
    }
}
