using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Factory.Host.Audit;

/// <summary>
/// Records a command endpoint's outcome in the audit trail: who (the signed-in user), what (the action name and
/// the request path as target), why (a <c>why</c>, <c>reason</c> or <c>comment</c> field of the body), the
/// request body as details, and "accepted" or "refused: …" from the answer's status and problem details.
/// </summary>
public sealed class AuditFilter(string action) : IEndpointFilter
{
    // Finite numbers only (as the API reads them), so the details of an accepted command always serialize.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new Api.FiniteDoubleConverter() } };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var body = context.Arguments.FirstOrDefault(a => a is not null && a.GetType().Namespace?.StartsWith("Factory.Host", StringComparison.Ordinal) == true
            && a.GetType().Name.EndsWith("Request", StringComparison.Ordinal));
        object? outcome;
        try
        {
            outcome = await next(context);
        }
        catch (StateNotStoredException notStored)
        {
            // The grain undid the change: recorded as refused like any other refusal, then answered 503 by its handler.
            await AppendAsync(http, body, $"refused ({StatusCodes.Status503ServiceUnavailable}): {notStored.Message}");
            throw;
        }

        var (status, detail) = outcome switch
        {
            ProblemHttpResult p => (p.StatusCode, p.ProblemDetails.Detail ?? p.ProblemDetails.Title),
            ValidationProblem v => (v.StatusCode, string.Join("; ", v.ProblemDetails.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))),
            IStatusCodeHttpResult s => (s.StatusCode ?? 200, null),
            _ => (http.Response.StatusCode, null),
        };
        await AppendAsync(http, body, status is >= 200 and < 300 ? "accepted" : $"refused ({status}): {detail}");
        return outcome;
    }

    private async Task AppendAsync(HttpContext http, object? body, string result)
    {
        var store = http.RequestServices.GetRequiredService<IAuditStore>();
        await store.AppendAsync(Who(http.User), action, http.Request.Path.Value ?? "?", WhyOf(body), result,
            body is null ? null : JsonSerializer.Serialize(body, body.GetType(), Json));
    }

    /// <summary>The user name a command is recorded under.</summary>
    public static string Who(ClaimsPrincipal? user) => user?.Identity?.Name is { Length: > 0 } name ? name : "anonymous";

    private static string? WhyOf(object? body) =>
        body?.GetType().GetProperties()
            .Where(p => p.Name is "Why" or "Reason" or "Comment" or "Note" && p.PropertyType == typeof(string))
            .Select(p => (string?)p.GetValue(body))
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
