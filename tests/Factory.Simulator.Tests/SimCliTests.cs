using System.Diagnostics;
using Factory.OpcUa.Client;

namespace Factory.Simulator.Tests;

/// <summary><c>factory sim</c> as a real process: prints its endpoint, serves the plant, stops on Ctrl+C (SIGINT).</summary>
public sealed class SimCliTests
{
    [Fact]
    public async Task Factory_sim_serves_the_plant_until_interrupted()
    {
        using var process = Start("sim", "--plant", DemoPlant(), "--port", "0", "--seed", "3");
        var url = await ReadEndpointAsync(process);
        await using (var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(url) }))
        {
            Assert.Equal("Idle", (await client.ReadValueAsync(Factory.OpcUa.Encoding.NodeId.Parse("ns=2;s=CNC-04.State"))).Value.Value);
        }

        using (var kill = Process.Start("kill", [InterruptSignal(), process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        // Both pipes are drained while it stops, so nothing it prints on the way out can block it on a full pipe; the
        // bound is the one the other process waits here use, since a loaded machine can take seconds to stop a runtime.
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"factory sim did not stop within 30 s of {InterruptSignal()}; it printed: {await output} {await errors}");
        }

        Assert.Equal(0, process.ExitCode);
    }

    [Fact]
    public async Task Factory_sim_refuses_a_missing_or_broken_plant_file()
    {
        using var missing = Start("sim", "--plant", "/nonexistent/plant.json", "--port", "0");
        var error = await missing.StandardError.ReadToEndAsync();
        await missing.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);

        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, "{ \"sites\": 5 }");
            using var broken = Start("sim", "--plant", path, "--port", "0");
            error = await broken.StandardError.ReadToEndAsync();
            await broken.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.NotEqual(0, broken.ExitCode);
            Assert.Contains("no \"sites\" array", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static string DemoPlant() => Path.Combine(SimulatorBehaviourTests.RepositoryRoot(), "src", "Factory.Host", "plants", "demo.json");

    /// <summary>
    /// Ctrl+C's SIGINT, unless this process ignores it: a test run started in the background by a shell without job
    /// control (<c>./test.sh &amp;</c>) has SIGINT ignored, the child inherits that and rightly goes on, as any Unix
    /// program does. Then it is stopped as a service manager stops it, with SIGTERM, which takes the same way out.
    /// </summary>
    private static string InterruptSignal()
    {
        var ignored = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = ignored is null ? 0 : Convert.ToUInt64(ignored["SigIgn:".Length..].Trim(), 16);
        return (mask & (1UL << 1)) != 0 ? "-TERM" : "-INT";
    }

    private static Process Start(params string[] arguments)
    {
        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(SimulatorBehaviourTests.RepositoryRoot(), "src", "Factory.Cli", "bin", configuration, "net10.0", "linux-x64", "factory.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build src/Factory.Cli first");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(dll);
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        return Process.Start(info)!;
    }

    private static async Task<string> ReadEndpointAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var at = line.IndexOf(" at opc.tcp://", StringComparison.Ordinal);
            if (line.StartsWith("Simulating ", StringComparison.Ordinal) && at > 0)
            {
                return line[(at + 4)..];
            }
        }

        throw new InvalidOperationException("factory sim ended without printing its endpoint: " + await process.StandardError.ReadToEndAsync());
    }
}
