using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Factory.Host.Audit;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Factory.Domain.Security;

namespace Factory.Host.Security;

/// <summary><c>/api/v1/auth</c>: cookie sign-in for the dashboard, and who am I.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", Login).AllowAnonymous()
            .WithTags("Auth").WithSummary("Signs in with a local user; sets the session cookie.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        // Cast: a method taking only HttpContext would bind as a RequestDelegate and its 204 would be dropped.
        api.MapPost("/auth/logout", (Delegate)Logout).AllowAnonymous().WithTags("Auth").WithSummary("Signs out.");
        api.MapGet("/auth/me", Me)
            .RequireAuthorization(FactoryRoles.ReadPolicy)
            .WithTags("Auth").WithSummary("The signed-in user and role, and the language they chose (null when never chosen).");
        api.MapPut("/auth/me/preferences", SetPreferences)
            .RequireAuthorization(FactoryRoles.ReadPolicy)
            .WithTags("Auth").WithSummary("Keeps the signed-in user's dashboard language (\"de\" or \"en\") on the server.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return api;
    }

    private static async Task<IResult> Login(LoginRequest request, HttpContext http, UserDirectory users, IAuditStore audit, IGrainFactory grains)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["credentials"] = ["userName and password are required"] });
        }

        var (principal, retryAfter) = users.SignIn(request.UserName, request.Password, CookieAuthenticationDefaults.AuthenticationScheme,
            http.Connection.RemoteIpAddress?.ToString());
        if (principal is null)
        {
            // Failed sign-ins are audited (who tried, from where); the password never is.
            var who = request.UserName.Length > 64 ? request.UserName[..64] : request.UserName;
            await audit.AppendAsync(who, "auth.login", http.Request.Path.Value ?? "/api/v1/auth/login", null,
                retryAfter is null ? "refused (401): invalid user name or password" : "refused (429): locked out",
                $"{{\"address\":\"{http.Connection.RemoteIpAddress}\"}}");
            return retryAfter is { } wait ? TooMany(http, wait) : TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "invalid user name or password");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return TypedResults.Ok(await DescribeAsync(principal, grains));
    }

    private static async Task<IResult> Logout(HttpContext http)
    {
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }

    /// <summary>429 with Retry-After (whole seconds, rounded up): the user name or the address is locked out for now.</summary>
    public static IResult TooMany(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(wait.TotalSeconds);
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many sign-in attempts",
            detail: $"too many failed sign-ins; try again in {seconds} s");
    }

    private static async Task<Ok<object>> Me(ClaimsPrincipal user, IGrainFactory grains) => TypedResults.Ok(await DescribeAsync(user, grains));

    /// <summary>Keeps the user's language; 400 problem details for a language the dashboard does not speak.</summary>
    private static async Task<Results<NoContent, ValidationProblem>> SetPreferences(PreferencesRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        if (DashboardLanguage.Parse(request.Language) is not { } language)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["language"] = [$"language must be one of {string.Join(", ", DashboardLanguage.Supported)}"],
            });
        }

        await Preferences(user, grains).SetLanguage(language);
        return TypedResults.NoContent();
    }

    private static IUserPreferencesGrain Preferences(ClaimsPrincipal user, IGrainFactory grains) =>
        grains.GetGrain<IUserPreferencesGrain>((user.Identity?.Name ?? "").ToUpperInvariant());

    private static async Task<object> DescribeAsync(ClaimsPrincipal user, IGrainFactory grains) => new
    {
        name = user.Identity?.Name,
        displayName = user.FindFirstValue("display_name") ?? user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role),
        canManage = user.IsInRole(FactoryRoles.Manager),
        // Maintenance orders and plans: managers and the maintenance team (the maintenance page's buttons).
        canMaintain = user.IsInRole(FactoryRoles.Manager) || user.IsInRole(FactoryRoles.Maintenance),
        // An operator's machines: the station page opens on the first and offers actions only on these.
        machines = user.FindAll(MachineAccess.MachineClaim).Select(c => c.Value).ToArray(),
        language = await Preferences(user, grains).GetLanguage(),
    };
}
