using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Factory.Benchmarks.Dashboard;
using Factory.Cluster.Tests;
using Factory.Simulator;

namespace Factory.Benchmarks.Cluster;

/// <summary>
/// Failover load run: two real hosts in the PostgreSQL-only cluster mode on a real PostgreSQL, the simulated plant in
/// this process. Each round SIGKILLs the host that runs the plant's OPC UA connector (it holds the endpoint lease and
/// about half the grains), then measures on the survivor, from the kill:
/// <list type="bullet">
/// <item>grains serving: every machine and worker readable and a command on a worker accepted (so grains that lived on
/// the dead host are active again from their stored state);</item>
/// <item>endpoint reconnected: the survivor's connector connected and receiving tag updates.</item>
/// </list>
/// The killed host is started again before the next round, so every round starts from two healthy hosts.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- failover [--kills 10] [--probe-timeout 00:00:01]
/// [--missed-probes 3] [--lease 00:00:03] [--out path]</c> after <c>dotnet build -c Release</c>.
/// </summary>
internal static class FailoverRun
{
    private static readonly string Manager = "Basic " + Convert.ToBase64String("manager:manager"u8.ToArray());

    public static async Task<int> RunAsync(string[] args)
    {
        var kills = int.Parse(Option(args, "--kills", "10"), CultureInfo.InvariantCulture);
        var probeTimeout = Option(args, "--probe-timeout", "00:00:01");
        var missedProbes = Option(args, "--missed-probes", "3");
        var lease = Option(args, "--lease", "00:00:03");
        var output = Option(args, "--out", Path.Combine(RepoPaths.Root, "tests", "Factory.Benchmarks", "Cluster", "results", "failover.md"));
        var hostDll = Path.Combine(RepoPaths.HostProject, "bin", "Release", "net10.0", "linux-x64", "Factory.Host.dll");
        if (!File.Exists(hostDll))
        {
            Console.Error.WriteLine($"{hostDll} is missing: dotnet build Factory.sln -c Release");
            return 1;
        }

        using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var simulator = await PlantSimulator.StartAsync(new SimulatorOptions { PlantFile = RepoPaths.DemoPlant, Port = 0, Seed = 1 });
        var data = Directory.CreateTempSubdirectory("factory-failover-").FullName;
        var clusterId = $"failover-{Guid.NewGuid():N}";
        string[] settings =
        [
            "--Factory:Cluster:Mode=Postgres",
            $"--Factory:Cluster:Postgres={database}",
            $"--Factory:Cluster:ClusterId={clusterId}",
            $"--Factory:Cluster:ProbeTimeout={probeTimeout}",
            $"--Factory:Cluster:MissedProbesLimit={missedProbes}",
            $"--Factory:Cluster:EndpointLease={lease}",
            $"--Factory:Cluster:SimulatorUrl={simulator.EndpointUrl}",
            "--Logging:LogLevel:Default=Warning",
        ];
        Task<HostProcess> Start(string name) =>
            HostProcess.StartFromAsync(hostDll, RepoPaths.HostProject, [$"--Factory:DataDirectory={Path.Combine(data, name, Guid.NewGuid().ToString("N"))}", .. settings]);

        var hosts = new[] { await Start("a"), await Start("b") };
        var serving = new List<double>();
        var reconnected = new List<double>();
        var rounds = new StringBuilder();
        try
        {
            for (var round = 1; round <= kills; round++)
            {
                var holder = await HolderAsync(hosts);
                var survivor = hosts[1 - holder];
                var before = await TagUpdatesAsync(survivor);
                var clock = Stopwatch.StartNew();
                hosts[holder].Kill();
                var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];

                var servingTask = UntilAsync(() => ServingAsync(survivor, round), clock);
                var reconnectTask = UntilAsync(async () => await TagUpdatesAsync(survivor) is { Connected: true } now && now.Updates > before.Updates, clock);
                var (s, r) = (await servingTask, await reconnectTask);
                serving.Add(s);
                reconnected.Add(r);
                var line = string.Create(CultureInfo.InvariantCulture, $"| {round} | {(holder == 0 ? "A" : "B")} | {s:F0} | {r:F0} | {load} |");
                rounds.AppendLine(line);
                Console.WriteLine(line);

                await hosts[holder].DisposeAsync();
                hosts[holder] = await Start(holder == 0 ? "a" : "b");
                // Both hosts members again before the next kill (the new one serves a grain read through itself).
                await UntilAsync(() => ServingAsync(hosts[holder], null), Stopwatch.StartNew());
            }
        }
        finally
        {
            foreach (var host in hosts)
            {
                await host.DisposeAsync();
            }

            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        var report = new StringBuilder()
            .AppendLine("# Failover: host SIGKILL → grains serving and PLC endpoint reconnected on the survivor")
            .AppendLine()
            .AppendLine(CultureInfo.InvariantCulture, $"Run {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC: `dotnet run -c Release --project tests/Factory.Benchmarks -- failover --kills {kills} --probe-timeout {probeTimeout} --missed-probes {missedProbes} --lease {lease}`.")
            .AppendLine()
            .AppendLine("Two host processes in `Factory:Cluster:Mode=Postgres` on one real PostgreSQL (loopback), the demo plant's simulator in the")
            .AppendLine("run's process; each round kills (SIGKILL) the host running the endpoint's connector, measures on the survivor, and starts")
            .AppendLine("the killed host again. Settings: " + string.Join(", ", settings.Where(s => !s.Contains("Postgres=", StringComparison.Ordinal) && !s.Contains("ClusterId", StringComparison.Ordinal) && !s.Contains("SimulatorUrl", StringComparison.Ordinal)).Select(s => $"`{s.TrimStart('-')}`")) + ".")
            .AppendLine()
            .AppendLine("| what | p50 (ms) | p99 (ms) | max (ms) |")
            .AppendLine("|---|---|---|---|")
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"| grains serving again (all machines and workers read, a worker command accepted) | {Percentiles.Of(serving, 50):F0} | {Percentiles.Of(serving, 99):F0} | {Percentiles.Of(serving, 100):F0} |"))
            .AppendLine(string.Create(CultureInfo.InvariantCulture, $"| PLC endpoint reconnected (survivor's connector connected, tag updates flowing) | {Percentiles.Of(reconnected, 50):F0} | {Percentiles.Of(reconnected, 99):F0} | {Percentiles.Of(reconnected, 100):F0} |"))
            .AppendLine()
            .AppendLine("| round | killed | serving (ms) | reconnected (ms) | load average at the kill |")
            .AppendLine("|---|---|---|---|---|")
            .Append(rounds)
            .ToString();
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, report);
        Console.WriteLine(report);
        return 0;
    }

    /// <summary>Which host runs the endpoint's connector: its tag updates grow.</summary>
    private static async Task<int> HolderAsync(HostProcess[] hosts)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var first = await Task.WhenAll(hosts.Select(TagUpdatesAsync));
            await Task.Delay(1000);
            var second = await Task.WhenAll(hosts.Select(TagUpdatesAsync));
            var growing = Enumerable.Range(0, hosts.Length).Where(i => second[i].Connected && second[i].Updates > first[i].Updates).ToList();
            if (growing.Count == 1)
            {
                return growing[0];
            }
        }

        throw new TimeoutException("no single host runs the simulator endpoint's connector");
    }

    private static async Task<(bool Connected, long Updates)> TagUpdatesAsync(HostProcess host)
    {
        try
        {
            using var client = Client(host);
            var connections = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/connections", UriKind.Relative))).RootElement;
            var sim = connections.EnumerateArray().Single(c => c.GetProperty("endpointId").GetString() == "sim");
            return (sim.GetProperty("state").GetString() == "Connected", sim.GetProperty("tagUpdates").GetInt64());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return (false, -1);
        }
    }

    /// <summary>Every machine and worker read through the host, and (in a round) a command on a worker accepted.</summary>
    private static async Task<bool> ServingAsync(HostProcess host, int? round)
    {
        try
        {
            using var client = Client(host);
            var machines = await client.GetAsync(new Uri("/api/v1/machines", UriKind.Relative));
            var workers = await client.GetAsync(new Uri("/api/v1/workers", UriKind.Relative));
            if (machines.StatusCode != HttpStatusCode.OK || workers.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            if (round is not { } r)
            {
                return true;
            }

            // Alternate clock-in and clock-out; 409 means an earlier try of this round went through.
            var action = r % 2 == 1 ? "clock-in" : "clock-out";
            using var command = await client.PostAsync(new Uri($"/api/v1/workers/W08/{action}", UriKind.Relative), null);
            return command.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Polls every 50 ms until <paramref name="done"/>; the milliseconds since <paramref name="since"/> started.</summary>
    private static async Task<double> UntilAsync(Func<Task<bool>> done, Stopwatch since)
    {
        while (since.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (await done())
            {
                return since.Elapsed.TotalMilliseconds;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("not within 3 minutes");
    }

    private static HttpClient Client(HostProcess host)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(3) };
        client.DefaultRequestHeaders.Add("Authorization", Manager);
        return client;
    }

    private static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
