using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Factory.Host.Security;

/// <summary>HTTP Basic authentication against the local users, for scripts, other systems and tests.</summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    UserDirectory users) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";

    // Where authentication tells the challenge that the credentials are locked out, and for how long.
    private const string RetryAfterItem = "factory.sign-in.retry-after";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization, out var header) ||
            !string.Equals(header.Scheme, SchemeName, StringComparison.OrdinalIgnoreCase) || header.Parameter is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return Task.FromResult(AuthenticateResult.Fail("malformed Basic credentials"));
        }

        var colon = decoded.IndexOf(':', StringComparison.Ordinal);
        var (principal, retryAfter) = colon < 0
            ? (null, null)
            : users.SignIn(decoded[..colon], decoded[(colon + 1)..], SchemeName, Context.Connection.RemoteIpAddress?.ToString());
        if (retryAfter is { } wait)
        {
            // Locked out: the challenge answers 429 with Retry-After instead of 401.
            Context.Items[RetryAfterItem] = wait;
        }

        return Task.FromResult(principal is null
            ? AuthenticateResult.Fail(retryAfter is null ? "invalid user name or password" : "locked out")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[RetryAfterItem] is TimeSpan wait)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        }

        // No WWW-Authenticate header: a browser must not pop up its own dialog over the dashboard's sign-in.
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }
}
