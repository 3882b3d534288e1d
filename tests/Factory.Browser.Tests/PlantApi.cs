using System.Net.Http.Json;
using System.Text.Json;

namespace Factory.Browser.Tests;

/// <summary>The few REST calls the tests make alongside the browser.</summary>
internal static class PlantApi
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Fails with the problem the host answered (its detail says why) unless the response is a success.</summary>
    public static async Task OkAsync(Task<HttpResponseMessage> sending)
    {
        using var response = await sending;
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}",
                null, response.StatusCode);
        }
    }

    public static async Task<HttpResponseMessage> CommandAsync(HttpClient client, string machineId, string command) =>
        await client.PostAsJsonAsync(new Uri($"/api/v1/machines/{machineId}/commands", UriKind.Relative), new { command });

    public static async Task<string> StateAsync(HttpClient client, string machineId) =>
        (await GetAsync(client, $"/api/v1/machines/{machineId}")).GetProperty("state").GetString()!;

    /// <summary>
    /// Commands the machine back to Execute (running free, as the fixture's scene has it) from wherever a test left it:
    /// a job that ended leaves it Complete, a held one Held, a stopped one Stopped. Later tests then find the scene unchanged.
    /// </summary>
    public static async Task RunFreeAsync(HttpClient client, string machineId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string state;
        do
        {
            state = await StateAsync(client, machineId);
            string? command = state switch
            {
                "Execute" => null,
                "Complete" or "Stopped" => "Reset",
                "Aborted" => "Clear",
                "Idle" => "Start",
                "Held" => "Unhold",
                "Suspended" => "Unsuspend",
                _ => "",
            };
            if (command is null)
            {
                return;
            }

            if (command.Length > 0)
            {
                await OkAsync(CommandAsync(client, machineId, command));
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{machineId} did not return to Execute within 30 s; it is {state}");
    }

    /// <summary>Holds the machine and lets it run again, each step settled: its history then has a hold that has ended.</summary>
    public static async Task HoldAndUnholdAsync(HttpClient client, string machineId)
    {
        (await CommandAsync(client, machineId, "Hold")).EnsureSuccessStatusCode();
        await SettledStateAsync(client, machineId, "Held");
        (await CommandAsync(client, machineId, "Unhold")).EnsureSuccessStatusCode();
        await SettledStateAsync(client, machineId, "Execute");
    }

    /// <summary>Waits until the machine has left its transient states (the host ends them after a short delay).</summary>
    public static async Task<string> SettledStateAsync(HttpClient client, string machineId, params string[] expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string state;
        do
        {
            state = await StateAsync(client, machineId);
            if (expected.Contains(state))
            {
                return state;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"{machineId} stayed in {state}, expected one of {string.Join(", ", expected)}");
    }
}
