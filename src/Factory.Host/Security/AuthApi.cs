using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Factory.Host.Security;

/// <summary><c>/api/v1/auth</c>: cookie sign-in for the dashboard, and who am I.</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this RouteGroupBuilder api)
    {
        api.MapPost("/auth/login", Login).AllowAnonymous()
            .WithTags("Auth").WithSummary("Signs in with a local user; sets the session cookie.")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapPost("/auth/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous().WithTags("Auth").WithSummary("Signs out.");
        api.MapGet("/auth/me", (ClaimsPrincipal user) => Results.Ok(Describe(user)))
            .RequireAuthorization(FactoryRoles.ReadPolicy)
            .WithTags("Auth").WithSummary("The signed-in user and role.");
        return api;
    }

    private static async Task<IResult> Login(LoginRequest request, HttpContext http, UserDirectory users)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["credentials"] = ["userName and password are required"] });
        }

        var principal = users.SignIn(request.UserName, request.Password, CookieAuthenticationDefaults.AuthenticationScheme);
        if (principal is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed", detail: "invalid user name or password");
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return Results.Ok(Describe(principal));
    }

    private static object Describe(ClaimsPrincipal user) => new
    {
        name = user.Identity?.Name,
        displayName = user.FindFirstValue("display_name") ?? user.Identity?.Name,
        role = user.FindFirstValue(ClaimTypes.Role),
        canManage = user.IsInRole(FactoryRoles.Manager),
    };
}
