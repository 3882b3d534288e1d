using System.Net;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Xunit;

namespace Factory.Host.Tests;

/// <summary>
/// #11: random and hostile ids and bodies against every mutating route of the OpenAPI document, through the real
/// pipeline (authentication, binding, filters, grains, storage): no answer is a 5xx, and a refused request changes
/// nothing — the machines, work orders, workers, planned stops and plan read the same before and after it.
/// </summary>
public sealed class ApiFuzzTests(ApiFuzzTests.App app) : IClassFixture<ApiFuzzTests.App>
{
    // No NUL in paths: the test server's client refuses such a URL itself (Kestrel answers it with 400 before routing).
    private static readonly string[] Ids =
    [
        "CNC-01", "WLD-01", "L1", "plant-1", "W08", "A-1", " ", "  CNC-01", "CNC-01 ", "\t", "..", "../etc", "%2F", "NaN",
        "-1", "0", "10", "99999999999999999999", new string('x', 65), new string('é', 300), "<script>", "'; drop table x; --",
        "2026-11-09T05:00:00Z", "9999-12-31T00:00:00Z", "\u202e", "🏭",
    ];

    private static readonly string[] Values =
    [
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e400", "-1e400", "1e308", "-1", "0", "1", "60", "2147483648", "-2147483649",
        "9223372036854775808", "0.5", "\"\"", "\" \"", "\"" + new string('x', 3000) + "\"", "\"9999-12-31T00:00:00Z\"",
        "\"0001-01-01T00:00:00Z\"", "\"2026-12-01T06:00:00Z\"", "\"yesterday\"", "null", "true", "[]", "{}", "[null]", "\"\\u0000\"",
        "\"CNC-01\"", "\"Start\"", "\"Abort\"", "\"mill\"", "\"machining\"", "\"plant-1\"", "\"Break\"", "\"Manual\"", "\"Propose\"",
        "[\"CNC-01\"]", "[{}]", "{\"a\":1}",
    ];

    private static readonly string[] Raw = ["", "{", "}", "[", "null", "\"x\"", "{\"a\":", "{{}}", "\u0000", "[1,2,", "{\"events\":[{\"at\":\"x\"}]}"];

    private List<(HttpMethod Method, string Template, string[] Properties)>? _routes;

    [Property(MaxTest = 300, QuietOnSuccess = true)]
    public void Hostile_requests_never_answer_5xx_and_refused_ones_change_nothing(NonNegativeInt route, NonNegativeInt id, byte shape, byte[]? values)
    {
        Run(route.Get, id.Get, shape, values ?? []).GetAwaiter().GetResult();
    }

    private async Task Run(int route, int id, byte shape, byte[] values)
    {
        var client = await app.ReadyClientAsync();
        var routes = _routes ??= await RoutesAsync(client);
        Assert.NotEmpty(routes);
        var (method, template, properties) = routes[route % routes.Count];
        var url = FillTemplate(template, Ids[id % Ids.Length]);
        var body = Body(shape, values, properties);
        var before = await StateAsync(client);

        using var request = new HttpRequestMessage(method, url);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status < 500, $"{method} {url} {Shorten(body)} answered {status}: {Shorten(text)}");
        if (status >= 400)
        {
            var after = await StateAsync(client);
            Assert.True(before == after, $"{method} {url} {Shorten(body)} was refused ({status}) but changed the plant");
        }
        else
        {
            // Accepted: let what it set off (re-plans, transient PackML states) finish before the next request's baseline.
            await SettleAsync(client);
        }
    }

    private static string FillTemplate(string template, string id) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]+\\}", _ => Uri.EscapeDataString(id));

    private static string? Body(byte shape, byte[] values, string[] properties)
    {
        string Value(int i) => Values[values.Length == 0 ? 0 : values[i % values.Length] % Values.Length];
        switch (shape % 8)
        {
            case 0:
                return null;
            case 1:
                return Raw[(values.Length == 0 ? 0 : values[0]) % Raw.Length];
            case 2:
                return Value(0);
            default:
                // An object with the route's own property names (so it reaches validation), each set to a hostile value; nested
                // lists of objects get the names too (operations, events, changes).
                var names = properties.Length == 0 ? ["id", "reason", "comment", "until"] : properties;
                var parts = new List<string>();
                for (var i = 0; i < names.Length; i++)
                {
                    var pick = values.Length == 0 ? i : values[i % values.Length] + i;
                    var value = (shape % 8) == 7 && i % 2 == 0
                        ? $"[{{{string.Join(",", names.Select((n, k) => $"\"{n}\":{Values[(pick + k) % Values.Length]}"))}}}]"
                        : Values[pick % Values.Length];
                    parts.Add($"\"{names[i]}\":{value}");
                }

                return "{" + string.Join(",", parts) + "}";
        }
    }

    /// <summary>The mutating routes of <c>/openapi/v1.json</c>, with the property names of their JSON bodies.</summary>
    private static async Task<List<(HttpMethod, string, string[])>> RoutesAsync(HttpClient client)
    {
        var doc = await (await client.GetAsync("/openapi/v1.json")).OkJsonAsync();
        var schemas = doc.TryGetProperty("components", out var c) && c.TryGetProperty("schemas", out var s) ? s : default;
        var routes = new List<(HttpMethod, string, string[])>();
        foreach (var path in doc.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var method = operation.Name.ToUpperInvariant() switch
                {
                    "POST" => HttpMethod.Post,
                    "PUT" => HttpMethod.Put,
                    "PATCH" => HttpMethod.Patch,
                    "DELETE" => HttpMethod.Delete,
                    _ => null,
                };
                if (method is null)
                {
                    continue;
                }

                routes.Add((method, path.Name, PropertiesOf(operation.Value, schemas)));
            }
        }

        return routes;
    }

    private static string[] PropertiesOf(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body) || !body.TryGetProperty("content", out var content))
        {
            return [];
        }

        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var media in content.EnumerateObject())
        {
            if (media.Value.TryGetProperty("schema", out var schema))
            {
                Collect(schema, schemas, names, 0);
            }
        }

        return [.. names];
    }

    private static void Collect(JsonElement schema, JsonElement schemas, SortedSet<string> names, int depth)
    {
        if (depth > 4 || schema.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (schema.TryGetProperty("$ref", out var reference) && schemas.ValueKind == JsonValueKind.Object &&
            schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target))
        {
            Collect(target, schemas, names, depth + 1);
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            foreach (var p in properties.EnumerateObject())
            {
                names.Add(p.Name);
                Collect(p.Value, schemas, names, depth + 1);
            }
        }

        foreach (var nested in new[] { "items", "additionalProperties" })
        {
            if (schema.TryGetProperty(nested, out var inner))
            {
                Collect(inner, schemas, names, depth + 1);
            }
        }

        foreach (var combined in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema.TryGetProperty(combined, out var options) && options.ValueKind == JsonValueKind.Array)
            {
                foreach (var option in options.EnumerateArray())
                {
                    Collect(option, schemas, names, depth + 1);
                }
            }
        }
    }

    /// <summary>What a refused request must leave alone: every machine, work order and worker (with versions), stops and the plan.</summary>
    private static async Task<string> StateAsync(HttpClient client)
    {
        var parts = new StringBuilder();
        foreach (var url in new[] { "/api/v1/machines", "/api/v1/workorders", "/api/v1/workers", "/api/v1/machines/CNC-01/planned-stops", "/api/v1/sites/plant-1/plan" })
        {
            var response = await client.GetAsync(url);
            parts.Append((int)response.StatusCode).Append(' ').Append(await response.Content.ReadAsStringAsync()).Append('\n');
        }

        return parts.ToString();
    }

    private static async Task SettleAsync(HttpClient client)
    {
        var previous = await StateAsync(client);
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(250);
            var now = await StateAsync(client);
            if (now == previous)
            {
                return;
            }

            previous = now;
        }
    }

    /// <summary>
    /// The host with nothing that changes the plant by itself a while after a request: no background optimizer (its better
    /// plan may arrive seconds later) and the progress re-plan at once, so a difference after a refused request is its own.
    /// </summary>
    public sealed class App : FactoryWebApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Factory:Dispatch:OptimizerTimeLimit", "00:00:00");
            builder.UseSetting("Factory:Dispatch:ProgressReplanDelay", "00:00:00.050");
        }
    }

    private static string Shorten(string? text) => text is null ? "(no body)" : text.Length > 300 ? text[..300] + "…" : text;
}
