using Microsoft.AspNetCore.Diagnostics;

namespace Factory.Host.Api;

/// <summary>
/// Answers a command whose grain could not store its change (<see cref="StateNotStoredException"/>) with 503 problem
/// details and a Retry-After: the grain undid the change, so the honest answer is that nothing was changed and the same
/// request may be sent again. Every other exception is left to the handlers after it.
/// </summary>
public sealed class StateNotStoredExceptionHandler(IProblemDetailsService problems, ILogger<StateNotStoredExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>How long a client is asked to wait before retrying: storage faults (a failover, a full disk freed) take seconds.</summary>
    private const int RetryAfterSeconds = 5;

    /// <inheritdoc />
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not StateNotStoredException notStored)
        {
            return false;
        }

        logger.LogWarning("{Method} {Path} answered 503: {Reason}", httpContext.Request.Method, httpContext.Request.Path, notStored.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage unavailable",
                Detail = "storage unavailable, nothing was changed; try again",
            },
        });
    }
}
