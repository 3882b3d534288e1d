using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Factory.OpcUa.Client;
using Factory.Simulator;

namespace Factory.Benchmarks.Simulator;

/// <summary>
/// The simulator's OPC UA server under load: machines × extra tags changing at a fixed rate, all subscribed by
/// Factory.OpcUa's client over loopback. Prints (look for "SIMLOAD") notifications per second received, the
/// latency from SourceTimestamp to arrival (p50, p99), process CPU seconds and memory. Server and client share
/// this process, so the CPU figure covers both ends.
/// Run: dotnet run -c Release --project tests/Factory.Benchmarks -- --filter '*SimulatorLoad*'
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 1)]
public class SimulatorLoadRun
{
    private const double WarmupSeconds = 3;

    /// <summary>machines x extra tags @ updates per machine per second.</summary>
    [Params("100x100@1000")]
    public string Load { get; set; } = "100x100@1000";

    /// <summary>Seconds measured.</summary>
    [Params(20)]
    public double WindowSeconds { get; set; } = 20;

    [Benchmark]
    public async Task Run()
    {
        var figures = await MeasureAsync(Load, WindowSeconds);
        Console.WriteLine("SIMLOAD " + figures);
    }

    /// <summary>Runs one measurement and returns a one-line summary.</summary>
    public static async Task<string> MeasureAsync(string load, double windowSeconds)
    {
        var machines = int.Parse(load.Split('x')[0], CultureInfo.InvariantCulture);
        var tags = int.Parse(load.Split('x')[1].Split('@')[0], CultureInfo.InvariantCulture);
        var rate = double.Parse(load.Split('@')[1], CultureInfo.InvariantCulture);
        await using var sim = await PlantSimulator.StartAsync(new SimulatorOptions
        {
            Machines = [.. Enumerable.Range(1, machines).Select(i => new SimulatedMachineSpec($"M{i:000}", $"L{(i % 5) + 1}", TimeSpan.FromSeconds(5)))],
            Port = 0,
            ExtraTagsPerMachine = tags,
            ExtraUpdatesPerMachinePerSecond = rate,
        });
        await using var client = await OpcUaClient.ConnectAsync(new OpcUaClientOptions { Endpoint = new Uri(sim.EndpointUrl) });
        var subscription = await client.CreateSubscriptionAsync(new SubscriptionOptions { PublishingInterval = 100, ChannelCapacity = 1_000_000 });
        var items = sim.Machines.Keys.SelectMany(m => Enumerable.Range(1, tags).Select(t => new MonitoredItemOptions(sim.NodeIdFor(m, $"Extra{t:000}")) { QueueSize = 10 }));
        await subscription.AddMonitoredItemsAsync(items);

        long count = 0;
        var latencies = new List<double>(1_000_000);
        var measuring = false;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            try
            {
                await foreach (var value in subscription.ReadAllAsync(stop.Token))
                {
                    if (!Volatile.Read(ref measuring))
                    {
                        continue;
                    }

                    count++;
                    if ((count & 15) == 0)
                    {
                        latencies.Add((DateTime.UtcNow - value.Value.SourceTimestamp).TotalMilliseconds);
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        await Task.Delay(TimeSpan.FromSeconds(WarmupSeconds));
        var cpuStart = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(TimeSpan.FromSeconds(windowSeconds));
        Volatile.Write(ref measuring, false);
        var elapsed = watch.Elapsed.TotalSeconds;
        var cpu = (Environment.CpuUsage.TotalTime - cpuStart).TotalSeconds;
        using var process = Process.GetCurrentProcess();
        await stop.CancelAsync();
        await reader;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];
        return string.Create(CultureInfo.InvariantCulture,
            $"load={load} items={machines * tags} offered={machines * rate:0}/s received={count / elapsed:0}/s latency p50={Percentile(0.5):0.0}ms p99={Percentile(0.99):0.0}ms cpu={cpu / elapsed:0.00} cores workingSet={process.WorkingSet64 / 1048576}MB gcHeap={GC.GetTotalMemory(false) / 1048576}MB");
    }
}
