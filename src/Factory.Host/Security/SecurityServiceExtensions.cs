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
        services.AddSingleton<SessionGuard>();
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
                // Secure whenever the host is reached over HTTPS (README, Security: HTTPS); a plain-HTTP demo still signs in.
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // A removed or re-roled user's cookie stops working at the next request (#11, finding 10).
                o.Events.OnValidatePrincipal = async c =>
                {
                    if (c.Principal is { } principal && !c.HttpContext.RequestServices.GetRequiredService<UserDirectory>().IsCurrent(principal))
                    {
                        c.RejectPrincipal();
                        await c.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                    }
                };
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
            .AddPolicy(FactoryRoles.ReadPolicy, p => p.RequireRole(FactoryRoles.ControlRoom, FactoryRoles.Manager, FactoryRoles.Operator, FactoryRoles.Maintenance))
            .AddPolicy(FactoryRoles.ManagePolicy, p => p.RequireRole(FactoryRoles.Manager))
            .AddPolicy(FactoryRoles.MaintainPolicy, p => p.RequireRole(FactoryRoles.Manager, FactoryRoles.Maintenance))
            .AddPolicy(FactoryRoles.OperatePolicy, p => p.RequireRole(FactoryRoles.Manager, FactoryRoles.Operator));
        return services;
    }
}
