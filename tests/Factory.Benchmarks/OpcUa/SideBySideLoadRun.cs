using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Factory.OpcUa.Client;
using Factory.OpcUa.Encoding;

namespace Factory.Benchmarks.OpcUa;

/// <summary>
/// Our client and node-opcua's client subscribed to the same changing counters on one node-opcua server, measured
/// over the same window: notifications per second and client CPU seconds per 100 000 notifications. The figures
/// are printed (look for "LOAD") and written to BenchmarkDotNet.Artifacts/opcua-load-*.json; the BenchmarkDotNet
/// time itself is just the window length.
/// Run: dotnet run -c Release --project tests/Factory.Benchmarks -- --filter '*SideBySide*'
/// </summary>
[Config(typeof(SideBySideLoadRunConfig))]
public class SideBySideLoadRun
{
    private const double WindowSeconds = 15;
    private const double WarmupSeconds = 4;
    private const double IdleSeconds = 3;
    private Process? _server;
    private string _endpoint = string.Empty;
    private ushort _ns;

    /// <summary>Items and the counter update period (ms): both give about 20 000 changes per second per client.</summary>
    [Params("1000@50", "10000@500")]
    public string Load { get; set; } = "1000@50";

    private int Items => int.Parse(Load.Split('@')[0], CultureInfo.InvariantCulture);

    private int Rate => int.Parse(Load.Split('@')[1], CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        var info = new ProcessStartInfo("node") { WorkingDirectory = InteropDirectory(), RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "opcua-server.js", "--port", port.ToString(CultureInfo.InvariantCulture), "--no-conformance", "--items", Items.ToString(CultureInfo.InvariantCulture), "--rate", Rate.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(a);
        }

        _server = Process.Start(info)!;
        string? line;
        while ((line = _server.StandardOutput.ReadLine()) is not null && !line.StartsWith("READY ", StringComparison.Ordinal))
        {
        }

        var parts = line?.Split(' ') ?? throw new InvalidOperationException("node-opcua server did not start (run npm ci in tests/interop)");
        _endpoint = parts[1];
        _ns = ushort.Parse(parts[2].AsSpan(3), CultureInfo.InvariantCulture);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _server?.Kill(entireProcessTree: true);
        _server?.Dispose();
    }

    [Benchmark]
    public async Task<long> SideBySide()
    {
        var nodeInfo = new ProcessStartInfo("node") { WorkingDirectory = InteropDirectory(), RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "opcua-load-client.js", "--endpoint", _endpoint, "--ns", _ns.ToString(CultureInfo.InvariantCulture), "--items", Items.ToString(CultureInfo.InvariantCulture), "--seconds", WindowSeconds.ToString(CultureInfo.InvariantCulture), "--warmup", WarmupSeconds.ToString(CultureInfo.InvariantCulture), "--idle", IdleSeconds.ToString(CultureInfo.InvariantCulture) })
        {
            nodeInfo.ArgumentList.Add(a);
        }

        using var nodeClient = Process.Start(nodeInfo)!;
        var nodeOutput = nodeClient.StandardOutput.ReadToEndAsync();
        var started = Stopwatch.GetTimestamp();

        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(_endpoint) });
        await Task.Delay(TimeSpan.FromSeconds(2)); // let start-up work settle, as the node client does
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var idleCpuStart = self.TotalProcessorTime;
        var idleStart = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        self.Refresh();
        var idleRate = (self.TotalProcessorTime - idleCpuStart).TotalSeconds / Stopwatch.GetElapsedTime(idleStart).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100 });
        await subscription.AddMonitoredItemsAsync(Enumerable.Range(0, Items).Select(i => new MonitoredItemOptions(new NodeId($"Counter{i}", _ns)) { SamplingInterval = 50, QueueSize = 10 }));
        long count = 0;
        var reader = Task.Run(async () =>
        {
            var values = subscription.Values;
            while (await values.WaitToReadAsync())
            {
                while (values.TryRead(out _))
                {
                    Interlocked.Increment(ref count);
                }
            }
        });

        var untilWindow = TimeSpan.FromSeconds(WarmupSeconds) - Stopwatch.GetElapsedTime(started);
        if (untilWindow > TimeSpan.Zero)
        {
            await Task.Delay(untilWindow);
        }

        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpuStart = process.TotalProcessorTime;
        var countStart = Interlocked.Read(ref count);
        var windowStart = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(WindowSeconds));
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds;
        var ours = Interlocked.Read(ref count) - countStart;
        var seconds = Stopwatch.GetElapsedTime(windowStart).TotalSeconds;
        await client.CloseAsync();
        await reader;

        // node-opcua prints warnings on stdout too; the result is the last JSON line.
        var nodeLine = (await nodeOutput).Split('\n').Last(l => l.TrimStart().StartsWith('{'));
        await nodeClient.WaitForExitAsync();
        var node = System.Text.Json.JsonDocument.Parse(nodeLine).RootElement;
        var nodeCount = node.GetProperty("notifications").GetDouble();
        var nodeCpu = node.GetProperty("cpuSeconds").GetDouble();
        var nodeSeconds = node.GetProperty("seconds").GetDouble();
        var nodeIdleRate = node.GetProperty("idleCpuSeconds").GetDouble() / node.GetProperty("idleSeconds").GetDouble();
        var oursPer100K = cpu / Math.Max(1, ours) * 100_000;
        var nodePer100K = nodeCpu / Math.Max(1, nodeCount) * 100_000;
        var oursAboveIdle = Math.Max(0, cpu - (idleRate * seconds)) / Math.Max(1, ours) * 100_000;
        var nodeAboveIdle = Math.Max(0, nodeCpu - (nodeIdleRate * nodeSeconds)) / Math.Max(1, nodeCount) * 100_000;
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"LOAD items={Items} rate={Rate}ms | Factory.OpcUa: {ours / seconds:F0} notifications/s, {oursPer100K:F3} CPU s per 100k ({oursAboveIdle:F3} above idle {idleRate * 1000:F1} ms/s) | node-opcua: {nodeCount / nodeSeconds:F0} notifications/s, {nodePer100K:F3} CPU s per 100k ({nodeAboveIdle:F3} above idle {nodeIdleRate * 1000:F1} ms/s) | ratio {oursPer100K / nodePer100K:F3}, above idle {oursAboveIdle / Math.Max(1e-9, nodeAboveIdle):F3}");
        Console.WriteLine(summary);
        var artifacts = Path.Combine(RepositoryRoot(), "BenchmarkDotNet.Artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, $"opcua-load-{Items}.txt"), summary + Environment.NewLine);
        return ours;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string InteropDirectory() => Path.Combine(RepositoryRoot(), "tests", "interop");

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Factory.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Factory.sln not found");
    }
}
