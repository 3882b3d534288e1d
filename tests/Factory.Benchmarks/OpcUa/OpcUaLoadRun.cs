using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Factory.Benchmarks.OpcUa;

/// <summary>
/// Our client and node-opcua's client side by side, each in its own process, subscribed to the same changing
/// counters on the same node-opcua server process(es) and measured over the same windows: notifications per second
/// and CPU seconds per 100 000 notifications, read for both processes from /proc/&lt;pid&gt;/stat (utime + stime).
/// Each client first sits connected and idle for a while (the fixed process cost), then subscribes.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- opcua-load [--servers 1] [--items 10000]
/// [--rate 100] [--publishing 500] [--sampling 0] [--queue 10] [--max-per-publish 100000] [--settle 20] [--idle 10]
/// [--warmup 30] [--window 15] [--windows 3] [--no-spin] [--security Basic256Sha256]</c> (--security: both clients
/// read over SignAndEncrypt with that policy). The settle and warm-up times are long because .NET keeps
/// re-compiling hot methods (tiered compilation) for tens of seconds after start-up and after subscribing, which
/// would otherwise be counted as cost per notification; the first window still shows some of it. <c>--no-spin</c> starts our client with
/// DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 (a deployment setting: idle thread-pool workers block at once instead
/// of spinning, which costs CPU per wake-up on a busy machine).
/// </summary>
internal static class OpcUaLoadRun
{

    public static async Task<int> RunAsync(string[] args)
    {
        string Arg(string name, string fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        double Number(string name, double fallback) => double.Parse(Arg(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

        var servers = (int)Number("servers", 1);
        var items = (int)Number("items", 10000);
        var rate = (int)Number("rate", 100);
        var publishing = Number("publishing", 500);
        var sampling = Number("sampling", 0);
        var queue = (int)Number("queue", 10);
        var maxPerPublish = (int)Number("max-per-publish", 100_000);
        var settle = Number("settle", 20);
        var idle = Number("idle", 10);
        var warmup = Number("warmup", 30);
        var window = Number("window", 15);
        var windows = (int)Number("windows", 3);
        var interop = Path.Combine(RepositoryRoot(), "tests", "interop");
        var loadBefore = File.ReadAllText("/proc/loadavg").Trim();

        var serverProcesses = new List<Process>();
        var endpoints = new List<string>();
        string ns = "1";
        try
        {
            for (var s = 0; s < servers; s++)
            {
                var info = Start("node", interop, "opcua-server.js", "--port", FreePort.Next().ToString(CultureInfo.InvariantCulture), "--no-conformance",
                    "--items", items.ToString(CultureInfo.InvariantCulture), "--rate", rate.ToString(CultureInfo.InvariantCulture),
                    "--max-notifications-per-publish", maxPerPublish.ToString(CultureInfo.InvariantCulture));
                var server = Process.Start(info)!;
                serverProcesses.Add(server);
                string? line;
                while ((line = await server.StandardOutput.ReadLineAsync()) is not null && !line.StartsWith("READY ", StringComparison.Ordinal))
                {
                }

                var parts = line?.Split(' ') ?? throw new InvalidOperationException("node-opcua server did not start (run npm ci in tests/interop)");
                endpoints.Add(parts[1]);
                ns = parts[2][3..];
            }

            string[] common = ["--endpoints", string.Join(',', endpoints), "--ns", ns, "--items", items.ToString(CultureInfo.InvariantCulture),
                "--publishing", publishing.ToString(CultureInfo.InvariantCulture), "--sampling", sampling.ToString(CultureInfo.InvariantCulture),
                "--queue", queue.ToString(CultureInfo.InvariantCulture), "--security", Arg("security", "None")];
            await using var node = new LoadClientProcess("node-opcua", Start("node", interop, ["opcua-load-client.js", .. common]));
            var oursInfo = Start(Environment.ProcessPath!, interop, ["opcua-load-client", .. common]);
            if (args.Contains("--no-spin"))
            {
                oursInfo.Environment["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
            }

            await using var ours = new LoadClientProcess("Factory.OpcUa", oursInfo);
            LoadClientProcess[] clients = [ours, node];
            await Task.WhenAll(clients.Select(c => c.ExpectAsync("CONNECTED")));
            await Task.Delay(TimeSpan.FromSeconds(settle)); // start-up work (JIT, tiering, first GCs) settles
            var idleStart = await MarkAsync(clients, serverProcesses);
            await Task.Delay(TimeSpan.FromSeconds(idle));
            var idleEnd = await MarkAsync(clients, serverProcesses);
            foreach (var c in clients)
            {
                c.Send("subscribe");
            }

            await Task.WhenAll(clients.Select(c => c.ExpectAsync("SUBSCRIBED")));
            await Task.Delay(TimeSpan.FromSeconds(warmup));
            var marks = new List<Mark> { await MarkAsync(clients, serverProcesses) };
            for (var w = 0; w < windows; w++)
            {
                await Task.Delay(TimeSpan.FromSeconds(window));
                marks.Add(await MarkAsync(clients, serverProcesses));
            }

            foreach (var c in clients)
            {
                c.Send("quit");
            }

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"LOAD servers={servers} items={items}/server rate={rate}ms publishing={publishing}ms sampling={sampling}ms queue={queue} max-per-publish={maxPerPublish} settle={settle}s idle={idle}s warmup={warmup}s window={window}s security={Arg("security", "None")}{(args.Contains("--no-spin") ? " no-spin" : string.Empty)}");
            report.AppendLine(CultureInfo.InvariantCulture, $"loadavg before: {loadBefore}");
            var idleSeconds = idleEnd.Seconds - idleStart.Seconds;
            for (var c = 0; c < clients.Length; c++)
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"idle {clients[c].Name}: {(idleEnd.Cpu[c] - idleStart.Cpu[c]) / idleSeconds * 1000:F1} ms CPU per s");
            }

            for (var w = 1; w < marks.Count; w++)
            {
                var (a, b) = (marks[w - 1], marks[w]);
                var seconds = b.Seconds - a.Seconds;
                var line = new StringBuilder().Append(CultureInfo.InvariantCulture, $"window {w}:");
                var per100K = new double[clients.Length];
                for (var c = 0; c < clients.Length; c++)
                {
                    var n = b.Counts[c] - a.Counts[c];
                    var cpu = b.Cpu[c] - a.Cpu[c];
                    per100K[c] = cpu / Math.Max(1, n) * 100_000;
                    line.Append(CultureInfo.InvariantCulture, $" | {clients[c].Name} {n / seconds:F0}/s, {cpu / seconds * 1000:F0} ms CPU/s, {per100K[c]:F4} s per 100k");
                }

                var serverCpu = b.ServerCpu - a.ServerCpu;
                line.Append(CultureInfo.InvariantCulture, $" | ratio {per100K[0] / per100K[1]:F3} | servers {serverCpu / seconds * 1000:F0} ms CPU/s");
                report.AppendLine(line.ToString());
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"loadavg after: {File.ReadAllText("/proc/loadavg").Trim()}");
            Console.Write(report);
            var artifacts = Path.Combine(RepositoryRoot(), "BenchmarkDotNet.Artifacts");
            Directory.CreateDirectory(artifacts);
            await File.AppendAllTextAsync(Path.Combine(artifacts, "opcua-load.txt"), $"{DateTime.UtcNow:O}{Environment.NewLine}{report}");
            return 0;
        }
        finally
        {
            foreach (var server in serverProcesses)
            {
                server.Kill(entireProcessTree: true);
                server.Dispose();
            }
        }
    }

    private static async Task<Mark> MarkAsync(LoadClientProcess[] clients, List<Process> servers)
    {
        var seconds = Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        var cpu = clients.Select(c => ProcessFigures.CpuSeconds(c.Id)).ToArray();
        var serverCpu = servers.Sum(s => ProcessFigures.CpuSeconds(s.Id));
        foreach (var c in clients)
        {
            c.Send("mark");
        }

        var counts = new long[clients.Length];
        for (var c = 0; c < clients.Length; c++)
        {
            var line = await clients[c].ExpectAsync("MARK ");
            counts[c] = long.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
        }

        return new Mark(seconds, cpu, counts, serverCpu);
    }

    /// <summary>utime + stime of a process (all its threads), from /proc/&lt;pid&gt;/stat.</summary>

    private static ProcessStartInfo Start(string file, string directory, params string[] args)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        return info;
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Factory.sln not found");
    }

    private sealed record Mark(double Seconds, double[] Cpu, long[] Counts, double ServerCpu);

    /// <summary>A load client process driven over stdin; its protocol lines are collected from stdout (node-opcua also prints warnings there).</summary>
    private sealed class LoadClientProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly Task _pump;

        public LoadClientProcess(string name, ProcessStartInfo info)
        {
            Name = name;
            _process = Process.Start(info)!;
            _pump = Task.Run(async () =>
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    _lines.Writer.TryWrite(line);
                }

                _lines.Writer.TryComplete();
            });
        }

        public string Name { get; }

        public int Id => _process.Id;

        public void Send(string command)
        {
            _process.StandardInput.WriteLine(command);
            _process.StandardInput.Flush();
        }

        public async Task<string> ExpectAsync(string prefix)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            await foreach (var line in _lines.Reader.ReadAllAsync(timeout.Token))
            {
                if (line.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw new InvalidOperationException($"{Name} exited before printing {prefix.Trim()}");
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                _process.Kill(entireProcessTree: true);
            }

            await _pump;
            _process.Dispose();
        }
    }
}
