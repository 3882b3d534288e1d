using System.Net;

namespace Factory.Host.Tests;

/// <summary>#11 finding 8: failed sign-ins lock the user name out (429 with Retry-After), for known and unknown users, and are audited.</summary>
public sealed class SignInThrottleTests(FactoryWebApp app) : IClassFixture<FactoryWebApp>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_user_out_with_429_and_Retry_After_for_cookie_and_Basic_sign_in()
    {
        var anonymous = await app.ReadyClientAsync(null);
        foreach (var name in new[] { "control", "nobody-" + Guid.NewGuid().ToString("N")[..6] })
        {
            for (var i = 0; i < 5; i++)
            {
                await (await anonymous.PostJsonAsync("/api/v1/auth/login", new { userName = name, password = "guess" + i })).ProblemAsync(HttpStatusCode.Unauthorized);
            }

            var locked = await anonymous.PostJsonAsync("/api/v1/auth/login", new { userName = name, password = name });
            await locked.ProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.True(int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 30);
        }

        // The right password does not help while locked, over Basic either; other users are not affected.
        var control = app.CreateClient();
        control.DefaultRequestHeaders.Add("Authorization", FactoryWebApp.Basic(FactoryWebApp.ControlRoom));
        var basic = await control.GetAsync("/api/v1/auth/me");
        Assert.Equal(HttpStatusCode.TooManyRequests, basic.StatusCode);
        Assert.True(basic.Headers.Contains("Retry-After"));
        var manager = await app.ReadyClientAsync();
        await (await manager.GetAsync("/api/v1/auth/me")).OkJsonAsync();

        var audit = await (await manager.GetAsync("/api/v1/audit?action=auth.login")).OkJsonAsync();
        Assert.True(audit.GetArrayLength() >= 10, audit.GetRawText());
        Assert.DoesNotContain("guess", audit.GetRawText(), StringComparison.Ordinal);
    }
}
