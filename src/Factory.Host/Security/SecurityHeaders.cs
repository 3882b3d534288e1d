namespace Factory.Host.Security;

/// <summary>
/// Headers on every answer (#11, finding 9): no MIME sniffing, no framing (clickjacking), no referrer, HTTPS kept to once used (HSTS), and a content
/// security policy that lets the dashboard load only its own scripts and talk only to its own host (API and hub).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>The policy: own origin only; inline styles allowed because the dashboard positions Gantt bars and tiles with style attributes.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self' ws: wss:; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers before anything else writes the answer.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            if (context.Request.IsHttps)
            {
                // Served over HTTPS: browsers keep to HTTPS for this host for a year.
                headers.StrictTransportSecurity = "max-age=31536000";
            }

            return Task.CompletedTask;
        });
        await next(context);
    });
}
