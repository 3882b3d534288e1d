using System.Collections;
using System.Reflection;
using Factory.Domain.Limits;

namespace Factory.Host.Api;

/// <summary>
/// The bounds every API request meets before a handler runs, in one place (#11, finding 4): route values are ids
/// (<see cref="TextLimits.CheckId"/>: no blank or padded ids such as <c>/machines/%20</c>), query values and body strings
/// have lengths (ids <see cref="TextLimits.IdLength"/>, other text <see cref="TextLimits.NoteLength"/>), body instants
/// lie within <see cref="TimeLimits"/> and lists hold at most <see cref="MaxItems"/> items. A refusal is a 400 problem
/// naming the field and the limit, and nothing runs: the command is neither executed nor audited.
/// </summary>
public sealed class RequestLimitsFilter : IEndpointFilter
{
    /// <summary>The most items one list in a request body may hold.</summary>
    public const int MaxItems = 10_000;

    // Bodies nest little (a scenario's change holds an order, which holds operations); deeper is not walked.
    private const int MaxDepth = 5;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var errors = new Dictionary<string, string[]>();
        foreach (var (name, value) in http.Request.RouteValues)
        {
            if (value is string text && TextLimits.CheckId(text, name) is { } problem)
            {
                errors[name] = [problem];
            }
        }

        foreach (var (name, values) in http.Request.Query)
        {
            if (values.Any(v => v?.Length > TextLimits.NoteLength))
            {
                errors[name] = [$"{name} is at most {TextLimits.NoteLength} characters"];
            }
        }

        foreach (var body in context.Arguments.Where(IsBody))
        {
            Check(body!, "", 0, errors);
        }

        return errors.Count > 0 ? TypedResults.ValidationProblem(errors) : await next(context);
    }

    // Request bodies are the API's own records (…Request) and the wire records they carry; services are never walked.
    private static bool IsBody(object? argument) => argument?.GetType() is { } type &&
        type.Namespace?.StartsWith("Factory.", StringComparison.Ordinal) == true && type.Name.EndsWith("Request", StringComparison.Ordinal);

    private static void Check(object value, string path, int depth, Dictionary<string, string[]> errors)
    {
        if (depth > MaxDepth || errors.Count > 20)
        {
            return;
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var field = path.Length == 0 ? Camel(property.Name) : $"{path}.{Camel(property.Name)}";
            var isId = property.Name.EndsWith("Id", StringComparison.Ordinal);
            CheckValue(property.GetValue(value), field, isId, depth, errors);
        }
    }

    private static void CheckValue(object? value, string field, bool isId, int depth, Dictionary<string, string[]> errors)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                var problem = isId
                    ? (string.IsNullOrEmpty(text) ? null : TextLimits.CheckId(text, field))
                    : TextLimits.CheckLength(text, field, TextLimits.NoteLength);
                if (problem is not null)
                {
                    errors[field] = [problem];
                }

                return;
            case DateTimeOffset at:
                if (TimeLimits.Check(at, field) is { } late)
                {
                    errors[field] = [late];
                }

                return;
            case IDictionary dictionary:
                if (dictionary.Count > MaxItems)
                {
                    errors[field] = [$"{field} holds at most {MaxItems} entries"];
                    return;
                }

                foreach (DictionaryEntry entry in dictionary)
                {
                    CheckValue(entry.Key as string, $"{field} key", isId: false, depth, errors);
                    CheckValue(entry.Value, $"{field}[{entry.Key}]", isId: false, depth + 1, errors);
                }

                return;
            case IEnumerable when value.GetType() is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>)
                                  && (bool)t.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!:
                // A default ImmutableArray (the field was not sent) throws when enumerated: there is nothing to check.
                return;
            case IEnumerable items:
                var count = 0;
                foreach (var item in items)
                {
                    if (++count > MaxItems)
                    {
                        errors[field] = [$"{field} holds at most {MaxItems} items"];
                        return;
                    }

                    // A list of ids (workerIds, allowedMachines) holds ids; a list of records is walked.
                    CheckValue(item, $"{field}[{count - 1}]", isId || field.EndsWith("Ids", StringComparison.Ordinal) || field.EndsWith("Machines", StringComparison.Ordinal), depth + 1, errors);
                }

                return;
            default:
                var type = value.GetType();
                if (!type.IsPrimitive && !type.IsEnum && type.Namespace?.StartsWith("Factory.", StringComparison.Ordinal) == true)
                {
                    Check(value, field, depth + 1, errors);
                }

                return;
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
