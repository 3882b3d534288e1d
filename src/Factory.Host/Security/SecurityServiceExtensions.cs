using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Factory.Host.Security;

/// <summary>Authentication (session cookie for browsers, Basic for programs) and the two role policies.</summary>
public static class SecurityServiceExtensions
{
    private const string Smart = "factory";

    public static IServiceCollection AddFactorySecurity(this IServiceCollection services)
    {
        services.AddSingleton<UserDirectory>();
        services.AddAuthentication(Smart)
            .AddPolicyScheme(Smart, "Cookie or Basic", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)
                    ? BasicAuthenticationHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o =>
            {
                o.Cookie.Name = "factory.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(12);
                // An API answers 401/403; it never redirects to a login page.
                o.Events.OnRedirectToLogin = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToAccessDenied = c =>
                {
                    c.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(FactoryRoles.ReadPolicy, p => p.RequireRole(FactoryRoles.ControlRoom, FactoryRoles.Manager, FactoryRoles.Operator))
            .AddPolicy(FactoryRoles.ManagePolicy, p => p.RequireRole(FactoryRoles.Manager))
            .AddPolicy(FactoryRoles.OperatePolicy, p => p.RequireRole(FactoryRoles.Manager, FactoryRoles.Operator));
        return services;
    }
}
