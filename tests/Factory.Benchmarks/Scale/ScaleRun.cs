using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Factory.Benchmarks.Dashboard;
using Factory.Benchmarks.Execution;

namespace Factory.Benchmarks.Scale;

/// <summary>
/// The same table for plants of several sizes, each on one real host with its simulator over OPC UA and the optimizer on
/// (its defaults): start time, peak and settled memory, steady CPU, latency of the main reads while the optimizer solves,
/// re-plan time after machine failures (the host's own <c>factory.dispatch.replan_duration</c>) and ingest latency
/// (<c>factory.connector.ingest_latency</c>). Plants are generated: lines of ten machines, a fifth as many workers,
/// 0.8 operations per machine in orders of four.
/// </summary>
/// <remarks><c>dotnet run -c Release --project tests/Factory.Benchmarks -- scale [--sizes 100,1000] [--failures 10]
/// [--host-settings Factory:Dispatch:OptimizerThreads=1,...]</c>
/// after <c>dotnet build src/Factory.Host -c Release</c>; appends to <c>tests/Factory.Benchmarks/Scale/results/scale.md</c>.</remarks>
internal static class ScaleRun
{
    private const string PlanRead = "/api/v1/sites/plant-1/plan";

    private static readonly string[] Reads = [PlanRead, "/api/v1/machines", "/api/v1/workorders", "/api/v1/sites/plant-1"];

    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = Text(args, "--sizes", "100,1000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var failures = int.Parse(Text(args, "--failures", "10"), CultureInfo.InvariantCulture);
        // Host settings to compare against the defaults, e.g. --host-settings Factory:Dispatch:OptimizerThreads=1.
        var settings = Text(args, "--host-settings", "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var root = ProcessFigures.RepositoryRoot();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## scale, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"2 cores, load average {load} at the start; optimizer on ({(settings.Length == 0 ? "defaults" : string.Join(", ", settings))}); MALLOC_ARENA_MAX={Environment.GetEnvironmentVariable("MALLOC_ARENA_MAX") ?? "2"}; simulator at 1×; {failures} machine failures per size.");
        report.AppendLine();
        report.AppendLine("| machines | workers | operations | start | peak RSS | settled RSS | steady CPU | plan read while solving (p50 / p99) | other reads while solving (p50 / p99) | re-plan after a failure | ingest SourceTimestamp → grain |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var machines in sizes)
        {
            report.AppendLine(await MeasureAsync(root, machines, failures, settings));
            Console.WriteLine(report);
        }

        var results = Path.Combine(root, "tests", "Factory.Benchmarks", "Scale", "results");
        Directory.CreateDirectory(results);
        await File.AppendAllTextAsync(Path.Combine(results, "scale.md"), report + Environment.NewLine);
        return 0;
    }

    private static async Task<string> MeasureAsync(string root, int machines, int failures, string[] settings)
    {
        var operations = machines * 4 / 5;
        var workers = Math.Max(10, machines / 5);
        var plant = GeneratedPlant.Write(root, machines, operations, 7, workers);
        Console.WriteLine($"scale: {machines} machines, {workers} workers, {operations} operations");
        var started = Stopwatch.StartNew();
        await using var host = await DashboardHost.StartAsync(root, [$"--Factory:PlantFile={plant}", "--Factory:Simulator:Speed=1", .. settings.Select(s => $"--{s}")]);
        var startSeconds = started.Elapsed.TotalSeconds;
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(120) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("manager:manager")));
        using var sampling = new CancellationTokenSource();
        var peak = 0L;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ProcessFigures.RssBytes(host.ProcessId));
                await Task.Delay(250);
            }
        });

        // Right after start the first plan's optimizer run is under way: the reads a dashboard makes, timed one by one.
        var reads = await TimeReadsAsync(client, rounds: 20);
        var replanBefore = await HistogramAsync(client, "factory_dispatch_replan_duration");
        var phasesBefore = await ReplanPhasesAsync(client);
        var ingestBefore = await HistogramAsync(client, "factory_connector_ingest_latency");
        var planned = (await client.GetFromJsonAsync<JsonElement>("/api/v1/sites/plant-1/plan")).GetProperty("operations").EnumerateArray()
            .Select(o => o.GetProperty("machineId").GetString()!).Distinct().Take(failures).ToList();
        var readsAfterFailure = new List<(string Path, double Milliseconds)>();
        foreach (var machine in planned)
        {
            await client.PostAsJsonAsync($"/api/v1/machines/{machine}/commands", new { command = "Abort" });
            readsAfterFailure.AddRange(await TimeReadsAsync(client, rounds: 2));
            await Task.Delay(2_000);
        }

        await Task.Delay(5_000);
        var replans = (await HistogramAsync(client, "factory_dispatch_replan_duration")).Since(replanBefore);
        foreach (var (phase, after) in await ReplanPhasesAsync(client))
        {
            Console.WriteLine($"  re-plan phase {phase}: {after.Since(phasesBefore[phase]).Describe("ms")}");
        }

        foreach (var machine in planned)
        {
            await client.PostAsJsonAsync($"/api/v1/machines/{machine}/commands", new { command = "Clear" });
        }

        await Task.Delay(10_000);
        var cpuStart = ProcessFigures.CpuSeconds(host.ProcessId);
        var cpuClock = Stopwatch.StartNew();
        await Task.Delay(20_000);
        var cpu = (ProcessFigures.CpuSeconds(host.ProcessId) - cpuStart) / cpuClock.Elapsed.TotalSeconds;
        var ingest = (await HistogramAsync(client, "factory_connector_ingest_latency")).Since(ingestBefore);
        var settled = ProcessFigures.RssBytes(host.ProcessId);
        await sampling.CancelAsync();
        await sampler;
        reads.AddRange(readsAfterFailure);
        var plan = reads.Where(r => r.Path == PlanRead).Select(r => r.Milliseconds).ToList();
        var other = reads.Where(r => r.Path != PlanRead).Select(r => r.Milliseconds).ToList();
        Console.WriteLine($"  plan reads in order (ms): {string.Join(" ", plan.Select(m => m.ToString("0", CultureInfo.InvariantCulture)))}");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {machines} | {workers} | {operations} | {startSeconds:0.0} s | {peak / (1024 * 1024)} MiB | {settled / (1024 * 1024)} MiB | {cpu:0.00} cores | {Percentiles.Of(plan, 50):0} / {Percentiles.Of(plan, 99):0} ms (n={plan.Count}) | {Percentiles.Of(other, 50):0} / {Percentiles.Of(other, 99):0} ms (n={other.Count}) | {replans.Describe("ms")} | {ingest.Describe("ms")} |");
    }

    private static async Task<List<(string Path, double Milliseconds)>> TimeReadsAsync(HttpClient client, int rounds)
    {
        var times = new List<(string Path, double Milliseconds)>();
        for (var r = 0; r < rounds; r++)
        {
            foreach (var path in Reads)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
                await response.Content.ReadAsByteArrayAsync();
                times.Add((path, watch.Elapsed.TotalMilliseconds));
                if (!response.IsSuccessStatusCode)
                {
                    Console.WriteLine($"  {path} answered {(int)response.StatusCode}");
                }
            }
        }

        return times;
    }

    /// <summary>Where a re-plan's time goes (the dispatcher's <c>factory.dispatch.replan_phase_duration</c>), by phase, from one scrape.</summary>
    private static async Task<Dictionary<string, PrometheusHistogram>> ReplanPhasesAsync(HttpClient client)
    {
        var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var name = HistogramName(scrape, "factory_dispatch_replan_phase_duration");
        return ((string[])["picture", "solve", "apply"]).ToDictionary(p => p, p => PrometheusHistogram.Parse(scrape, name, $"phase=\"{p}\""), StringComparer.Ordinal);
    }

    private static async Task<PrometheusHistogram> HistogramAsync(HttpClient client, string prefix)
    {
        var scrape = await client.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        return PrometheusHistogram.Parse(scrape, HistogramName(scrape, prefix));
    }

    // The exporter appends the unit to the instrument's name (…_milliseconds).
    private static string HistogramName(string scrape, string prefix) =>
        scrape.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains("_bucket", StringComparison.Ordinal))
            .Select(l => l[..l.IndexOf("_bucket", StringComparison.Ordinal)]).FirstOrDefault() ?? prefix;

    private static string Text(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
