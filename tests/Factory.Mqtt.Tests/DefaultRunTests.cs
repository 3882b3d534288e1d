using System.Net.Http.Json;
using System.Text;

namespace Factory.Mqtt.Tests;

/// <summary>
/// The default run switched to Sparkplug B with one setting: the real host process publishes the simulated plant over
/// Sparkplug B to mosquitto and reads it back from there, and publishes its Unified Namespace, which a subscriber that is
/// not Factory's code (the mqtt npm package) reads.
/// </summary>
public sealed class DefaultRunTests(MosquittoBroker broker) : IClassFixture<MosquittoBroker>
{
    private static string Basic(string user) => "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{user}"));

    [Fact]
    public async Task The_simulated_plant_runs_over_sparkplug_and_the_unified_namespace_is_published()
    {
        var data = Path.Combine(Path.GetTempPath(), "factory-mqtt-host-" + Guid.NewGuid().ToString("N")[..8]);
        await using var reader = NodeScript.Start("uns-subscriber.js", broker.Url.ToString(), "factory/plant-1/#");
        await reader.WaitForAsync(l => l["subscribed"] is not null, TimeSpan.FromSeconds(10));
        await using var host = await HostProcess.StartAsync(data,
            "--Factory:Simulator:Protocol=Sparkplug", $"--Factory:Mqtt:Broker={broker.Url}", "--Factory:Mqtt:Uns:Enabled=true");
        using var control = host.Client(Basic("control"));

        // The simulator's endpoint is now a Sparkplug B host connection on the broker, and its machines are fed from it.
        var connections = await Eventually.HoldsAsync(() => control.GetFromJsonAsync<JsonElement>("/api/v1/connections"),
            c => c.EnumerateArray().Any(e => e.GetProperty("state").GetString() == "Connected" && e.GetProperty("tagUpdates").GetInt64() > 0),
            TimeSpan.FromSeconds(60), "sparkplug endpoint connected");
        Assert.StartsWith("mqtt://127.0.0.1:", connections[0].GetProperty("url").GetString(), StringComparison.Ordinal);
        var machine = await Eventually.HoldsAsync(() => control.GetFromJsonAsync<JsonElement>("/api/v1/machines/CNC-01"),
            m => m.GetProperty("quality").GetString() == "Good" && m.GetProperty("telemetry").GetProperty("numbers").TryGetProperty("heartbeat", out _),
            TimeSpan.FromSeconds(30), "CNC-01 fed over Sparkplug");
        Assert.Equal("sim", machine.GetProperty("source").GetString());

        // The Unified Namespace, read by someone else's client: retained JSON along enterprise/site/line/machine.
        static bool On(System.Text.Json.Nodes.JsonNode l, string topic) => l["topic"]?.GetValue<string>() == topic;
        var status = await reader.WaitForAsync(l => On(l, "factory/plant-1/status"), TimeSpan.FromSeconds(30));
        Assert.True(status["payload"]!["online"]!.GetValue<bool>());
        var state = await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/state"), TimeSpan.FromSeconds(30));
        Assert.False(string.IsNullOrEmpty(state["payload"]!["state"]!.GetValue<string>()));
        await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/quality") && l["payload"]!["quality"]!.GetValue<string>() == "Good", TimeSpan.FromSeconds(30));
        var counters = await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/counters"), TimeSpan.FromSeconds(30));
        Assert.NotNull(counters["payload"]!["good"]);
        await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/workorder"), TimeSpan.FromSeconds(30));
        await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/alarms") && l["payload"]!["count"] is not null, TimeSpan.FromSeconds(30));
        await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/status") && l["payload"]!["status"] is not null, TimeSpan.FromSeconds(30));
        var plan = await reader.WaitForAsync(l => On(l, "factory/plant-1/plan"), TimeSpan.FromSeconds(30));
        Assert.True(plan["payload"]!["operations"]!.AsArray().Count > 0);
        await reader.WaitForAsync(l => l["topic"]?.GetValue<string>().StartsWith("factory/plant-1/workorders/WO-", StringComparison.Ordinal) == true, TimeSpan.FromSeconds(30));
        var oee = await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/oee"), TimeSpan.FromSeconds(30));
        Assert.NotNull(oee["payload"]!["from"]);

        // A PackML command through the API goes out as DCMD to the simulator, and the new state comes back over
        // Sparkplug into the grain and out again on the UNS.
        using var manager = host.Client(Basic("manager"));
        var lines = reader.Lines.Count;
        var response = await manager.PostAsJsonAsync("/api/v1/machines/CNC-01/commands", new { command = "Stop" });
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await reader.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/state") && l["payload"]!["state"]!.GetValue<string>() == "Stopped",
            TimeSpan.FromSeconds(30), after: lines);

        // A reader that comes later gets the current picture at once: every message is retained.
        await using var late = NodeScript.Start("uns-subscriber.js", broker.Url.ToString(), "factory/plant-1/L1/CNC-01/state");
        var retained = await late.WaitForAsync(l => On(l, "factory/plant-1/L1/CNC-01/state"), TimeSpan.FromSeconds(10));
        Assert.True(retained["retain"]!.GetValue<bool>());
        Assert.Equal("Stopped", retained["payload"]!["state"]!.GetValue<string>());
    }
}
