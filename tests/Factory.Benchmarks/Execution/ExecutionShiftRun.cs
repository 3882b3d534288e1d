using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Factory.Benchmarks.Dashboard;

namespace Factory.Benchmarks.Execution;

/// <summary>
/// A shift of the plant run by itself, end to end: the real host with the built-in simulator over OPC UA, its plant clock
/// fast (60×: an 8-hour shift in 8 minutes), jobs released, started, counted and completed from what the simulated PLCs
/// report. Reports orders and operations completed, the on-time share, OEE over the shift, release latency (machine free
/// and work ready → next job released, in real time), and the host's CPU and memory. <c>--machines N</c> runs a generated
/// plant instead of the demo.
/// </summary>
/// <remarks><c>dotnet run -c Release --project tests/Factory.Benchmarks -- execution-shift [--speed 60] [--minutes 8] [--machines 100 --operations 1000]</c>
/// after <c>dotnet build src/Factory.Host -c Release</c>.</remarks>
internal static class ExecutionShiftRun
{

    public static async Task<int> RunAsync(string[] args)
    {
        var speed = Option(args, "--speed", 60);
        var minutes = Option(args, "--minutes", 8);
        var machines = (int)Option(args, "--machines", 0);
        var operations = (int)Option(args, "--operations", 1000);
        var root = ProcessFigures.RepositoryRoot();
        var plant = machines == 0 ? Path.Combine(root, "src", "Factory.Host", "plants", "demo.json") : GeneratedPlant.Write(root, machines, operations, 7);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        Console.WriteLine($"execution-shift: {(machines == 0 ? "demo plant" : $"{machines} machines, {operations} operations")}, plant clock {speed}x, {minutes} min real");

        await using var host = await DashboardHost.StartAsync(root, $"--Factory:PlantFile={plant}", $"--Factory:Simulator:Speed={speed.ToString(CultureInfo.InvariantCulture)}",
            "--Factory:Dispatch:ReleaseMode=Automatic");
        using var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("manager:manager")));
        var cpuStart = ProcessFigures.CpuSeconds(host.ProcessId);
        var realStart = DateTimeOffset.UtcNow;
        var peakRss = 0L;
        while (DateTimeOffset.UtcNow - realStart < TimeSpan.FromMinutes(minutes))
        {
            await Task.Delay(TimeSpan.FromSeconds(10));
            peakRss = Math.Max(peakRss, ProcessFigures.RssBytes(host.ProcessId));
            var orders = await client.GetFromJsonAsync<JsonElement>("/api/v1/workorders");
            var done = orders.EnumerateArray().Count(o => o.GetProperty("status").GetString() == "Completed");
            Console.WriteLine($"  {(DateTimeOffset.UtcNow - realStart).TotalSeconds:0} s: {done} orders completed");
        }

        var realSeconds = (DateTimeOffset.UtcNow - realStart).TotalSeconds;
        var cpu = ProcessFigures.CpuSeconds(host.ProcessId) - cpuStart;
        var all = (await client.GetFromJsonAsync<JsonElement>("/api/v1/workorders")).EnumerateArray().ToList();
        var ops = all.SelectMany(o => o.GetProperty("operations").EnumerateArray()).ToList();
        var completed = all.Where(o => o.GetProperty("status").GetString() == "Completed").ToList();
        var onTime = completed.Count(o => o.GetProperty("completedAt").GetDateTimeOffset() <= o.GetProperty("dueDate").GetDateTimeOffset());
        var plantStart = ops.Where(o => o.GetProperty("readyAt").ValueKind == JsonValueKind.String).Min(o => o.GetProperty("readyAt").GetDateTimeOffset());
        var plantEnd = plantStart + TimeSpan.FromSeconds(realSeconds * speed);
        var kpis = await client.GetFromJsonAsync<JsonElement>(
            $"/api/v1/kpis?entity=site&id=plant-1&from={Uri.EscapeDataString(plantStart.ToString("O"))}&to={Uri.EscapeDataString(plantEnd.ToString("O"))}");
        var site = kpis.ValueKind == JsonValueKind.Array ? kpis[0] : kpis;
        var latencies = ReleaseLatencies(ops, speed);
        var interrupted = ops.Sum(o => o.GetProperty("runs").EnumerateArray().Count(r => r.GetProperty("outcome").GetString() == "Interrupted"));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"## execution-shift, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Plant: {(machines == 0 ? "demo (14 machines, 20 orders, 82 operations)" : $"generated, {machines} machines, {operations} operations")}; plant clock {speed}x for {realSeconds:0} s real = {realSeconds * speed / 3600:0.0} plant hours; 2 cores, load average {load} at the start.");
        report.AppendLine();
        report.AppendLine("| figure | value |");
        report.AppendLine("|---|---|");
        report.AppendLine(CultureInfo.InvariantCulture, $"| work orders completed | {completed.Count} of {all.Count} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| operations completed | {ops.Count(o => o.GetProperty("status").GetString() == "Completed")} of {ops.Count} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| on time (of completed) | {(completed.Count == 0 ? "—" : $"{100.0 * onTime / completed.Count:0} %")} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| interrupted runs (machine failures) | {interrupted} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| site OEE over the run | {Percent(site, "oee")} (availability {Percent(site, "availability")}, effectiveness {Percent(site, "effectiveness")}, quality {Percent(site, "qualityRatio")}) |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| release latency (real ms, machine free and work ready → released) | {Percentiles.Describe(latencies)} |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| host CPU | {cpu / realSeconds:0.00} cores |");
        report.AppendLine(CultureInfo.InvariantCulture, $"| host peak RSS | {peakRss / (1024 * 1024)} MiB |");
        Console.WriteLine(report);
        var results = Path.Combine(root, "tests", "Factory.Benchmarks", "Execution", "results");
        Directory.CreateDirectory(results);
        await File.AppendAllTextAsync(Path.Combine(results, "execution-shift.md"), report + Environment.NewLine);
        return 0;
    }

    /// <summary>
    /// For each machine, from the moment it was free (its previous run ended) and the next operation it ran was ready, to that
    /// operation's release, in real milliseconds. Waits for a worker count in: the plan decides who runs what.
    /// </summary>
    private static List<double> ReleaseLatencies(List<JsonElement> ops, double speed)
    {
        var runs = ops.SelectMany(o => o.GetProperty("runs").EnumerateArray().Select(r => (Op: o, Run: r)))
            .GroupBy(x => x.Run.GetProperty("machineId").GetString());
        var latencies = new List<double>();
        foreach (var machine in runs)
        {
            var ordered = machine.OrderBy(x => x.Run.GetProperty("releasedAt").GetDateTimeOffset()).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i - 1].Run.GetProperty("endedAt").ValueKind != JsonValueKind.String || ordered[i].Op.GetProperty("readyAt").ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                var free = ordered[i - 1].Run.GetProperty("endedAt").GetDateTimeOffset();
                var ready = ordered[i].Op.GetProperty("readyAt").GetDateTimeOffset();
                var from = free > ready ? free : ready;
                var released = ordered[i].Run.GetProperty("releasedAt").GetDateTimeOffset();
                latencies.Add(Math.Max(0, (released - from).TotalMilliseconds / speed));
            }
        }

        return latencies;
    }

    private static string Percent(JsonElement kpi, string name) =>
        kpi.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? $"{v.GetDouble() * 100:0.0} %" : "—";

    private static double Option(string[] args, string name, double fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? double.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
