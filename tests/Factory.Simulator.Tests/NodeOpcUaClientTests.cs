using System.Text.Json;
using Factory.Domain.PackMl;

namespace Factory.Simulator.Tests;

/// <summary>node-opcua's client (an independent implementation) browses, reads, writes and subscribes to the simulator.</summary>
public sealed class NodeOpcUaClientTests
{
    // Commands need a logged-in user: the simulator refuses anonymous writes.
    private static readonly Dictionary<string, string> s_operator = new() { ["operator"] = "secret" };

    private static Task<PlantSimulator> StartAsync(IReadOnlyDictionary<string, string>? users = null) => PlantSimulator.StartAsync(new SimulatorOptions
    {
        PlantFile = Path.Combine(SimulatorBehaviourTests.RepositoryRoot(), "src", "Factory.Host", "plants", "demo.json"),
        Port = 0,
        MeanTimeBetweenFailures = TimeSpan.Zero,
        ActingStateDuration = TimeSpan.FromMilliseconds(300),
        Users = users ?? s_operator,
    });

    [Fact]
    public async Task Node_opcua_browses_reads_writes_and_subscribes()
    {
        await using var sim = await StartAsync();
        var (code, output, error) = await NodeScript.RunAsync("sim-client.js", TimeSpan.FromSeconds(60),
            "--endpoint", sim.EndpointUrl, "--machine", "CNC-04", "--line", "L1", "--seconds", "2", "--command", "Start", "--user", "operator:secret");
        Assert.True(code == 0, $"node-opcua client failed:\n{output}\n{error}");
        using var result = JsonDocument.Parse(output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))["RESULT ".Length..]);
        var r = result.RootElement;

        var endpoint = r.GetProperty("endpoints")[0];
        Assert.Equal("http://opcfoundation.org/UA/SecurityPolicy#None", endpoint.GetProperty("policy").GetString());
        Assert.Equal(["Anonymous", "UserName"], endpoint.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(PlantSimulator.NamespaceUri, r.GetProperty("namespaces")[2].GetString());
        Assert.Contains("2:Plant", r.GetProperty("objects").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["L1", "L2", "L3"], r.GetProperty("lines").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("CNC-04", r.GetProperty("machines").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(MachineTags.All, r.GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ns=2;s=CNC-04.State", r.GetProperty("statePath").GetString());

        // CNC-04 starts Idle (demo plant); node-opcua reads typed values.
        var values = r.GetProperty("values");
        Assert.Equal("Idle", values.GetProperty("State").GetProperty("value").GetString());
        Assert.Equal("Int32", values.GetProperty("StateCurrent").GetProperty("type").GetString());
        Assert.Equal((int)PackMlState.Idle, values.GetProperty("StateCurrent").GetProperty("value").GetInt32());
        Assert.Equal("UInt32", values.GetProperty("ProducedCount").GetProperty("type").GetString());
        Assert.Equal("Boolean", values.GetProperty("Fault").GetProperty("type").GetString());
        Assert.Equal("ns=0;i=6", r.GetProperty("commandDataType").GetString());
        Assert.Equal(3, r.GetProperty("commandAccessLevel").GetInt32());
        Assert.Equal(1, r.GetProperty("stateAccessLevel").GetInt32());
        Assert.Equal(0, r.GetProperty("serverState").GetInt32());

        // Start is legal in Idle; the state then follows through Starting to Execute, seen over the subscription.
        Assert.Equal("Good", r.GetProperty("commandWrite").GetString());
        Assert.Equal("BadNotWritable", r.GetProperty("stateWrite").GetString());
        var states = r.GetProperty("changes").GetProperty("State").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal("Execute", states[^1]);
        Assert.Contains("Starting", states);
        Assert.Equal(PackMlState.Execute, sim.Machines["CNC-04"].State);
    }

    [Fact]
    public async Task Node_opcua_refused_command_is_a_bad_status_and_changes_nothing()
    {
        await using var sim = await StartAsync();
        var (code, output, error) = await NodeScript.RunAsync("sim-client.js", TimeSpan.FromSeconds(60),
            "--endpoint", sim.EndpointUrl, "--machine", "CNC-01", "--line", "L1", "--seconds", "0.5", "--command", "Reset", "--user", "operator:secret");
        Assert.True(code == 0, $"node-opcua client failed:\n{output}\n{error}");
        using var result = JsonDocument.Parse(output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal))["RESULT ".Length..]);
        Assert.Equal("BadInvalidState", result.RootElement.GetProperty("commandWrite").GetString());
        Assert.Equal(PackMlState.Idle, sim.Machines["CNC-01"].State); // the demo's machines wait in Idle for work
    }

    [Fact]
    public async Task Node_opcua_logs_in_with_a_configured_user_and_is_refused_with_a_wrong_password()
    {
        await using var sim = await StartAsync(new Dictionary<string, string> { ["operator"] = "secret" });
        var ok = await NodeScript.RunAsync("sim-client.js", TimeSpan.FromSeconds(60),
            "--endpoint", sim.EndpointUrl, "--machine", "DRL-01", "--line", "L1", "--seconds", "0.2", "--user", "operator:secret");
        Assert.True(ok.ExitCode == 0, $"login with the right password failed:\n{ok.Output}\n{ok.Error}");
        var bad = await NodeScript.RunAsync("sim-client.js", TimeSpan.FromSeconds(60),
            "--endpoint", sim.EndpointUrl, "--machine", "DRL-01", "--line", "L1", "--seconds", "0.2", "--user", "operator:wrong");
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("BadUserAccessDenied", bad.Output + bad.Error, StringComparison.Ordinal);
    }
}
