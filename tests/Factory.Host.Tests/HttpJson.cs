using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Host.Tests;

/// <summary>Small assertions for JSON and RFC 7807 answers.</summary>
internal static class HttpJson
{
    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    /// <summary>Reads <paramref name="url"/> (200 expected) every 100 ms until <paramref name="done"/> holds for its JSON; fails after 20 s with the last one read.</summary>
    public static async Task<JsonElement> WaitAsync(HttpClient client, string url, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var value = await (await client.GetAsync(url)).OkJsonAsync();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"not reached within 20 s; last: {value}");
            await Task.Delay(100);
        }
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, FactoryWebApp.Json);

    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient client, string url, object body) =>
        client.PutAsJsonAsync(url, body, FactoryWebApp.Json);

    public static Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string url, string raw) =>
        client.PostAsync(url, new StringContent(raw, System.Text.Encoding.UTF8, "application/json"));
}
