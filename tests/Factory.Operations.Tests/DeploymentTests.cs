using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Factory.Operations.Tests;

/// <summary>
/// deploy/ checked as far as this machine allows (it has no container engine and no systemd as PID 1): the Kubernetes
/// manifests against the Kubernetes API schema, the image's health check command against a running host, the
/// systemd unit's ExecStart run as systemd would run it.
/// </summary>
[Collection(PublishedCollection.Name)]
public sealed class DeploymentTests(PublishedHost published)
{
    private static string Deploy => Path.Combine(RepoPaths.Root, "deploy");

    [Fact]
    public async Task The_Kubernetes_manifests_are_valid_against_the_Kubernetes_schema()
    {
        var (code, output) = await NodeAsync(Path.Combine(Deploy, "k8s"));
        Assert.True(code == 0, output);
        foreach (var kind in new[] { "Deployment/factory", "Service/factory", "ConfigMap/factory-config", "Secret/factory-secrets", "Role/factory-silo" })
        {
            Assert.Contains($" {kind}", output, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("INVALID", output, StringComparison.Ordinal);

        // The validator does reject what the schema forbids (a port that is not a number).
        var bad = Path.Combine(Path.GetTempPath(), $"factory-bad-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(bad, File.ReadAllText(Path.Combine(Deploy, "k8s", "30-deployment.yaml")).Replace("containerPort: 5000", "containerPort: http", StringComparison.Ordinal));
        try
        {
            var (badCode, badOutput) = await NodeAsync(bad);
            Assert.True(badCode != 0 && badOutput.Contains("containerPort must be integer", StringComparison.Ordinal), badOutput);
        }
        finally
        {
            File.Delete(bad);
        }
    }

    [Fact]
    public async Task Every_way_to_run_the_host_bounds_its_malloc_arenas_and_a_host_without_the_bound_says_so()
    {
        Assert.Contains("MALLOC_ARENA_MAX=2", File.ReadAllText(Path.Combine(Deploy, "Dockerfile")), StringComparison.Ordinal);
        Assert.Contains("Environment=MALLOC_ARENA_MAX=2", File.ReadAllLines(Path.Combine(Deploy, "systemd", "factory.service")));
        Assert.Matches(new Regex("- name: MALLOC_ARENA_MAX\\s+value: \"2\""), File.ReadAllText(Path.Combine(Deploy, "k8s", "30-deployment.yaml")));
        var profile = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Factory.Host", "Properties", "launchSettings.json")));
        Assert.Equal("2", profile.RootElement.GetProperty("profiles").GetProperty("Factory.Host").GetProperty("environmentVariables").GetProperty("MALLOC_ARENA_MAX").GetString());

        // The published host runs with this test's environment: it says so exactly when that has no bound.
        var host = await published.RunningAsync();
        var unbounded = Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") is null;
        Assert.True(unbounded == host.Output.Contains("MALLOC_ARENA_MAX is not set", StringComparison.Ordinal), host.Output);
    }

    [Fact]
    public void The_manifests_wire_probes_Kubernetes_hosting_and_the_PostgreSQL_mode()
    {
        var deployment = File.ReadAllText(Path.Combine(Deploy, "k8s", "30-deployment.yaml"));
        var config = File.ReadAllText(Path.Combine(Deploy, "k8s", "20-config.yaml"));
        Assert.Contains("path: /health/ready", deployment, StringComparison.Ordinal);
        Assert.Contains("path: /health/live", deployment, StringComparison.Ordinal);
        Assert.Contains("orleans/clusterId", deployment, StringComparison.Ordinal);
        Assert.Contains("fieldPath: status.podIP", deployment, StringComparison.Ordinal);
        Assert.Contains("Factory__Cluster__Kubernetes: \"true\"", config, StringComparison.Ordinal);
        Assert.Contains("Factory__Cluster__Mode: \"Postgres\"", config, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_image_health_check_asks_ready_without_wget_and_fails_on_a_closed_port()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Deploy, "Dockerfile"));
        Assert.DoesNotContain(dockerfile.Split('\n'), l => !l.TrimStart().StartsWith('#') && l.Contains("wget", StringComparison.Ordinal));
        Assert.Matches(new Regex(@"FROM node:(2[0-9]|[3-9][0-9])[.-]"), dockerfile); // Vite 7 needs Node.js 20.19+
        var check = Regex.Match(dockerfile, @"HEALTHCHECK[^\n]*\\\n\s*CMD (\[.*\])");
        Assert.True(check.Success, "HEALTHCHECK … CMD [exec form] not found");
        var command = JsonSerializer.Deserialize<string[]>(check.Groups[1].Value)!;
        Assert.Equal("bash", command[0]);

        var host = await published.RunningAsync();
        Assert.Equal(0, await RunAsync(command, host.BaseAddress.Port));
        Assert.NotEqual(0, await RunAsync(command, FreePort.Next()));

        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"));
        foreach (var pattern in new[] { "**/bin/", "**/obj/", "**/node_modules/", "**/data/", "**/*.db" })
        {
            Assert.Contains(pattern, ignored);
        }
    }

    [Fact]
    public async Task The_systemd_unit_runs_from_its_working_directory_and_stops_cleanly_on_its_kill_signal()
    {
        // No systemd runs here (PID 1 is not systemd, so systemd-run cannot start units): the unit's ExecStart is run the
        // way systemd runs it, in its WorkingDirectory with its Environment=, with the unit's paths pointed at temp folders.
        var unit = File.ReadAllLines(Path.Combine(Deploy, "systemd", "factory.service"));
        string Value(string key) => unit.Single(l => l.StartsWith(key + "=", StringComparison.Ordinal))[(key.Length + 1)..];
        var state = Directory.CreateTempSubdirectory("factory-state-").FullName;
        try
        {
            string Local(string path) => path.Replace("/opt/factory", published.Folder, StringComparison.Ordinal)
                .Replace("/var/lib/factory", state, StringComparison.Ordinal);
            var exec = Local(Value("ExecStart")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("/usr/bin/dotnet", exec[0]);
            var environment = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal))
                .Select(l => l["Environment=".Length..].Split('=', 2))
                .Where(kv => kv[0] != "ASPNETCORE_URLS") // a free loopback port instead of 0.0.0.0:5000
                .ToDictionary(kv => kv[0], kv => Local(kv[1]));
            Assert.Equal("SIGTERM", Value("KillSignal"));
            var stopWithin = TimeSpan.FromSeconds(int.Parse(Value("TimeoutStopSec"), System.Globalization.CultureInfo.InvariantCulture));

            await using var host = await HostProcess.StartFromAsync(exec[1], Local(Value("WorkingDirectory")), [], environment);
            Assert.True(File.Exists(Path.Combine(state, "factory.db")), $"the unit's data folder holds the store:\n{host.Output}");
            Assert.DoesNotContain("MALLOC_ARENA_MAX is not set", host.Output, StringComparison.Ordinal); // the unit bounds the arenas

            var exit = await host.StopAsync(stopWithin);
            Assert.True(exit == 0, $"exit {exit?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"} after SIGTERM:\n{host.Output}");
            var shutdown = host.Output[host.Output.IndexOf("Application is shutting down", StringComparison.Ordinal)..];
            Assert.False(shutdown.Contains("Exception", StringComparison.Ordinal) || shutdown.Contains("fail:", StringComparison.Ordinal),
                $"a normal shutdown logged a failure:\n{shutdown}");
        }
        finally
        {
            Directory.Delete(state, recursive: true);
        }
    }

    private static async Task<int> RunAsync(string[] command, int port)
    {
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command.Skip(1))
        {
            start.ArgumentList.Add(arg.Replace("/127.0.0.1/5000", $"/127.0.0.1/{port}", StringComparison.Ordinal));
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    private static async Task<(int Code, string Output)> NodeAsync(string target)
    {
        var validator = Path.Combine(RepoPaths.Root, "tests", "k8s");
        if (!Directory.Exists(Path.Combine(validator, "node_modules", "kubernetes-models")))
        {
            throw new InvalidOperationException($"the manifest validator is not installed: run `npm ci` in {validator} (test.sh does)");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = validator, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("validate.mjs");
        start.ArgumentList.Add(target);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("node is required (apt-get install nodejs)");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
