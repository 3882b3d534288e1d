using System.Diagnostics;
using System.Text.Json;

namespace Factory.OpcUa.Tests.Interop;

/// <summary>The <c>factory opcua</c> commands against the node-opcua server, run as a real process.</summary>
[Collection(NodeOpcUaCollection.Name)]
public sealed class CliTests(NodeOpcUaFixture fixture)
{
    [Fact]
    public async Task Read_prints_one_json_object_per_node()
    {
        var (exit, output, _) = await Factory("opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", $"ns={fixture.Server.NamespaceIndex};s=Counter1", "--node", "ns=2;s=Static_MultiDimensional_Array_Int32", "--json");
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal("Good", lines[0].GetProperty("status").GetString());
        Assert.Equal("Int32", lines[0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Number, lines[0].GetProperty("value").ValueKind);
        Assert.True(DateTime.TryParse(lines[0].GetProperty("sourceTimestamp").GetString(), out _));
        Assert.Equal(JsonValueKind.Array, lines[1].GetProperty("value")[0].ValueKind);
    }

    [Fact]
    public async Task Read_takes_the_browse_paths_plant_files_take()
    {
        var ns = fixture.Server.NamespaceIndex;
        var (exit, output, error) = await Factory("opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", $"/Objects/{ns}:Counters/{ns}:Counter1", "--json");
        Assert.True(exit == 0, error);
        var line = JsonDocument.Parse(output).RootElement;
        Assert.Equal($"ns={ns};s=Counter1", line.GetProperty("node").GetString());
        Assert.Equal("Good", line.GetProperty("status").GetString());

        (exit, _, error) = await Factory("opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", $"/Objects/{ns}:Counters/{ns}:Missing");
        Assert.NotEqual(0, exit);
        Assert.Contains("BadNoMatch", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_then_subscribe_and_failures_exit_non_zero_with_the_status_name()
    {
        var node = $"ns={fixture.Server.NamespaceIndex};s=Setpoint";
        var (exit, output, _) = await Factory("opcua", "write", "--endpoint", fixture.Server.EndpointUrl, "--node", node, "--value", "12.25", "--json", "--user", "operator", "--password", "secret");
        Assert.Equal(0, exit);
        Assert.Equal(12.25, JsonDocument.Parse(output).RootElement.GetProperty("value").GetDouble());

        (exit, output, _) = await Factory("opcua", "subscribe", "--endpoint", fixture.Server.EndpointUrl, "--node", $"ns={fixture.Server.NamespaceIndex};s=Counter2", "--sampling", "50", "--publishing", "100", "--queue-size", "5", "--duration", "1.5", "--json");
        Assert.Equal(0, exit);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 5, output);

        (exit, _, var error) = await Factory("opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", "ns=1;s=Missing");
        Assert.NotEqual(0, exit);
        Assert.Contains("BadNodeIdUnknown", error, StringComparison.Ordinal);

        (exit, _, error) = await Factory("opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", node, "--user", "operator", "--password", "wrong");
        Assert.NotEqual(0, exit);
        Assert.Contains("BadUserAccessDenied", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic256Sha256", "SignAndEncrypt")]
    [InlineData("Aes128_Sha256_RsaOaep", "SignAndEncrypt")]
    [InlineData("Aes256_Sha256_RsaPss", "SignAndEncrypt")]
    [InlineData("Aes256_Sha256_RsaPss", "Sign")]
    public async Task Reads_over_a_secured_channel_once_the_server_is_trusted(string policy, string mode)
    {
        var pki = Path.Combine(Path.GetTempPath(), "factory-cli-pki-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string[] read = ["opcua", "read", "--endpoint", fixture.Server.EndpointUrl, "--node", $"ns={fixture.Server.NamespaceIndex};s=Counter1", "--json",
                "--security-policy", policy, "--security-mode", mode, "--pki", pki];

            // First contact: refused, with the thumbprint and where the certificate went.
            var (exit, _, error) = await Factory(read);
            Assert.Equal(1, exit);
            Assert.Contains("BadCertificateUntrusted", error, StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(Path.Combine(pki, "rejected")));

            (exit, var output, error) = await Factory([.. read, "--trust-server"]);
            Assert.True(exit == 0, error);
            Assert.Equal("Good", JsonDocument.Parse(output).RootElement.GetProperty("status").GetString());

            // Trusted from now on, without the flag.
            (exit, _, error) = await Factory(read);
            Assert.True(exit == 0, error);
        }
        finally
        {
            Directory.Delete(pki, recursive: true);
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Factory(params string[] arguments)
    {
        var root = Path.GetFullPath(Path.Combine(NodeOpcUaServer.InteropDirectory, "..", ".."));
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Factory.Cli", "bin", configuration, "net10.0", "linux-x64", "factory.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/Factory.Cli first");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return (process.ExitCode, await output, await error);
    }
}
