using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Factory.Cluster.Tests;

/// <summary>Small helpers for talking to a host's API as a signed-in user while silos come and go.</summary>
internal static class Api
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>The demo plant's manager (see appsettings.json).</summary>
    public static string ManagerAuthorization { get; } = "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray());

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"expected {expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) =>
        client.PostAsJsonAsync(url, body, Json);

    /// <summary>The JSON body when the answer is 200, else null with the status and body in <c>Seen</c>.</summary>
    public static async Task<(JsonElement? Json, string Seen)> TryJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        return response.StatusCode == HttpStatusCode.OK ? (JsonDocument.Parse(body).RootElement, body) : (null, $"{(int)response.StatusCode}: {body}");
    }

    /// <summary>
    /// Sends a command until it gets one of <paramref name="final"/> answers; a server error or a failed request
    /// (a silo joining or being declared dead) is sent again. Commands sent this way must be safe to repeat.
    /// </summary>
    public static async Task<HttpStatusCode> SendAsync(string what, Func<Task<HttpResponseMessage>> send, params HttpStatusCode[] final)
    {
        var status = HttpStatusCode.ServiceUnavailable;
        await EventuallyAsync(what, TimeSpan.FromSeconds(90), async () =>
        {
            using var response = await send();
            status = response.StatusCode;
            return (final.Contains(status), $"{(int)status}: {await response.Content.ReadAsStringAsync()}");
        });
        return status;
    }

    /// <summary>
    /// Polls <paramref name="probe"/> until it answers true; failed requests count as "not yet" (a silo that is
    /// being declared dead makes calls fail for a while). Fails with the last answer after the deadline.
    /// </summary>
    public static async Task EventuallyAsync(string what, TimeSpan deadline, Func<Task<(bool Done, string Seen)>> probe)
    {
        var until = DateTime.UtcNow + deadline;
        var seen = "nothing yet";
        while (DateTime.UtcNow < until)
        {
            try
            {
                (var done, seen) = await probe();
                if (done)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
            {
                seen = e.Message;
            }

            await Task.Delay(250);
        }

        Assert.Fail($"{what}: not within {deadline.TotalSeconds} s; last seen: {seen}");
    }

    /// <summary>A manager's SignalR client of the host's plant hub over WebSockets, started.</summary>
    public static async Task<HubConnection> HubAsync(HostProcess host)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(host.BaseAddress, "/hubs/plant"), o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.Headers["Authorization"] = ManagerAuthorization;
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>The end of a host's output for a failure message (what each silo said), without Polly's retry chatter.</summary>
    public static string Tail(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.Contains("Polly", StringComparison.Ordinal)).TakeLast(150));

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
