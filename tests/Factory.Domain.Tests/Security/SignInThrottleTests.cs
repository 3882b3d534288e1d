using Factory.Domain.Security;
using Xunit;

namespace Factory.Domain.Tests.Security;

/// <summary>#11 finding 8: failed sign-ins lock a key out for a growing, bounded time.</summary>
public class SignInThrottleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Five_failures_are_free_the_sixth_attempt_waits_30_s_and_each_further_failure_doubles_it()
    {
        var throttle = new SignInThrottle(5);
        for (var i = 0; i < 4; i++)
        {
            throttle.Failed("u", T0);
            Assert.Null(throttle.RetryAfter("u", T0));
        }

        throttle.Failed("u", T0);
        Assert.Equal(TimeSpan.FromSeconds(30), throttle.RetryAfter("u", T0));
        Assert.Equal(TimeSpan.FromSeconds(10), throttle.RetryAfter("u", T0.AddSeconds(20)));
        Assert.Null(throttle.RetryAfter("u", T0.AddSeconds(30)));
        throttle.Failed("u", T0.AddSeconds(30));
        Assert.Equal(TimeSpan.FromSeconds(60), throttle.RetryAfter("u", T0.AddSeconds(30)));
        Assert.Null(throttle.RetryAfter("other", T0.AddSeconds(30)));
    }

    [Fact]
    public void Lockouts_are_at_most_15_minutes_and_a_success_or_a_quiet_quarter_hour_clears_them()
    {
        var throttle = new SignInThrottle(1);
        var at = T0;
        for (var i = 0; i < 30; i++)
        {
            throttle.Failed("u", at);
            at = at.AddSeconds(1);
        }

        Assert.Equal(SignInThrottle.LongestLockout, throttle.RetryAfter("u", at.AddSeconds(-1)));
        throttle.Succeeded("u");
        Assert.Null(throttle.RetryAfter("u", at));

        var quiet = new SignInThrottle(2);
        quiet.Failed("v", T0);
        quiet.Failed("v", T0.Add(SignInThrottle.Memory));
        Assert.Null(quiet.RetryAfter("v", T0.Add(SignInThrottle.Memory)));
    }
}
