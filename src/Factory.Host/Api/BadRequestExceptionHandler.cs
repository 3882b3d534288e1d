using Microsoft.AspNetCore.Diagnostics;

namespace Factory.Host.Api;

/// <summary>
/// Answers unreadable requests (malformed JSON, wrong types, missing body) with 400 problem details instead of 500,
/// in every environment.
/// </summary>
public sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "Invalid request",
                Detail = bad.InnerException?.Message ?? bad.Message,
            },
        });
    }
}
