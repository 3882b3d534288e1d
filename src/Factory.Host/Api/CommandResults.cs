namespace Factory.Host.Api;

/// <summary>Turns a grain's answer into HTTP: 200 with the new version, or RFC 7807 problem details.</summary>
public static class CommandResults
{
    public static IResult ToHttp(this CommandResult result, object? body = null) => result.Accepted
        ? TypedResults.Ok(body ?? new { version = result.Version })
        : Refused(result.RefusalKind ?? RefusalKind.Conflict, result.Reason ?? "refused");

    public static IResult Refused(RefusalKind kind, string reason) => kind switch
    {
        RefusalKind.Invalid => TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: reason),
        RefusalKind.NotFound => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: reason),
        _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Refused", detail: reason),
    };

    public static IResult NotFound(string what) => Refused(RefusalKind.NotFound, $"{what} does not exist");

    public static IResult Invalid(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult OkOrNotFound<T>(T? view, string what)
        where T : class => view is null ? NotFound(what) : TypedResults.Ok(view);
}
