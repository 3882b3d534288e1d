using Microsoft.Extensions.Options;

namespace Factory.Host.Security;

/// <summary>
/// Refuses changes a browser sends on behalf of another site (#11, finding 9: cross-site request forgery). A browser
/// sends its session cookie and cached credentials with any request to the host, also from a foreign page's form or
/// script, and names the page's origin in <c>Origin</c> (or says <c>Sec-Fetch-Site: cross-site</c>). So every
/// request that can change something (a method other than GET, HEAD and OPTIONS, and any WebSocket, which carries hub
/// commands) to the API or the hub must come from the host's own origin or one of <see cref="FactoryOptions.AllowedOrigins"/>.
/// Programs (curl, the CLI, connectors) send neither header and are not affected.
/// </summary>
public static class OriginCheck
{
    /// <summary>Adds the check before authentication, so a refused request runs nothing.</summary>
    public static IApplicationBuilder UseOriginCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Guarded(context.Request) && Foreign(context) is { } origin)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Cross-origin request refused",
                detail: $"a change from {origin} is refused: only this host's own pages (and Factory:AllowedOrigins) may change things").ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool Guarded(HttpRequest request) =>
        (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/hubs")) &&
        (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)) ||
         request.Headers.Upgrade.ToString().Contains("websocket", StringComparison.OrdinalIgnoreCase));

    /// <summary>The foreign origin a request comes from, or null when it is the host's own (or a program's).</summary>
    private static string? Foreign(HttpContext context)
    {
        var request = context.Request;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return string.Equals(request.Headers["Sec-Fetch-Site"].ToString(), "cross-site", StringComparison.OrdinalIgnoreCase)
                ? "another site (Sec-Fetch-Site: cross-site)"
                : null;
        }

        if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri))
        {
            // "null" (a sandboxed frame, a file) or garbage: not the host's own page.
            return $"origin '{(origin.Length > 100 ? origin[..100] : origin)}'";
        }

        // The host's own origin, compared by host and port (a TLS-terminating proxy may change the scheme it sees).
        if (string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase) ||
            (uri.IsDefaultPort && string.Equals(uri.Host, request.Host.Host, StringComparison.OrdinalIgnoreCase) && request.Host.Port is null))
        {
            return null;
        }

        var allowed = context.RequestServices.GetRequiredService<IOptionsMonitor<FactoryOptions>>().CurrentValue.AllowedOrigins;
        return allowed.Any(a => Uri.TryCreate(a, UriKind.Absolute, out var ok) &&
                                string.Equals(ok.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase) &&
                                string.Equals(ok.Authority, uri.Authority, StringComparison.OrdinalIgnoreCase))
            ? null
            : $"origin {uri.GetLeftPart(UriPartial.Authority)}";
    }
}
