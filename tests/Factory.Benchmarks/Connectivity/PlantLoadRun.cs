using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Factory.Connectivity;
using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Domain.PackMl;
using Factory.Grains;
using Factory.Grains.Storage;
using Factory.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Factory.Benchmarks.Connectivity;

/// <summary>
/// End-to-end load run for issue 4: the simulated plant serves OPC UA on loopback, the connectors subscribe to every
/// tag and feed the machine grains of a real silo (SQLite storage). Reports tag updates per second applied to grain
/// state, the latency from each value's SourceTimestamp to its applied grain state (p50, p99), CPU and memory.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- plant-load [--machines 100] [--extra-tags 40]
/// [--extra-rate 1000] [--publishing 100] [--warmup 10] [--duration 60]</c>
/// </summary>
internal static class PlantLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        int Arg(string name, int fallback)
        {
            var i = Array.IndexOf(args, "--" + name);
            return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var machines = Arg("machines", 100);
        var extraTags = Arg("extra-tags", 40);
        var extraRate = Arg("extra-rate", 1000);
        var publishing = Arg("publishing", 100);
        var warmup = Arg("warmup", 10);
        var duration = Arg("duration", 60);
        var data = Path.Combine(Path.GetTempPath(), "factory-plant-load-" + Guid.NewGuid().ToString("N"));

        var specs = Enumerable.Range(1, machines)
            .Select(i => new Factory.Simulator.SimulatedMachineSpec($"M{i:000}", $"L{(i - 1) / 10 + 1:00}", TimeSpan.FromSeconds(1)))
            .ToList();
        await using var simulator = await PlantSimulator.StartAsync(new SimulatorOptions
        {
            Machines = specs,
            ExtraTagsPerMachine = extraTags,
            ExtraUpdatesPerMachinePerSecond = extraRate,
            MeanTimeBetweenFailures = TimeSpan.FromDays(365),
            TickInterval = TimeSpan.FromMilliseconds(20),
        });

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort(), FreePort());
            silo.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(data, "factory.db"));
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
        builder.Services.Configure<DispatchOptions>(o => o.OptimizerTimeLimit = TimeSpan.Zero);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        const string site = "load";
        await grains.GetGrain<ISiteGrain>(site).Define(new SiteSpec(site, "Load", "UTC"));
        foreach (var line in specs.GroupBy(s => s.LineId))
        {
            foreach (var m in line)
            {
                await grains.GetGrain<IMachineGrain>(m.Id).Define(new Factory.Contracts.Specs.MachineSpec(m.Id, site, line.Key, m.Id, ["work"], 1, false, PackMlState.Execute));
            }

            await grains.GetGrain<ILineGrain>(line.Key).Define(new LineSpec(line.Key, site, line.Key, [.. line.Select(m => m.Id)]));
        }

        var ns = simulator.NamespaceIndex;
        TagReference T(string machine, string tag) => new($"ns={ns};s={machine}.{tag}");
        var maps = specs.Select(m => new MachineTagMap(m.Id,
            State: T(m.Id, MachineTags.State), Mode: T(m.Id, MachineTags.Mode), Produced: T(m.Id, MachineTags.ProducedCount),
            Good: T(m.Id, MachineTags.GoodCount), Scrap: T(m.Id, MachineTags.ScrapCount), Speed: T(m.Id, MachineTags.Speed),
            Temperatures: new Dictionary<string, TagReference> { ["t"] = T(m.Id, MachineTags.Temperature) },
            Extra: Enumerable.Range(1, extraTags).ToDictionary(e => $"Extra{e:000}", e => T(m.Id, $"Extra{e:000}")))).ToList();
        var connectivity = new PlantConnectivity(grains, TimeProvider.System, NullLoggerFactory.Instance);
        connectivity.Add(new EndpointSettings("sim", site, new Uri(simulator.EndpointUrl), null, null,
            TimeSpan.FromMilliseconds(publishing), TimeSpan.Zero, TimeSpan.FromMinutes(5), maps));
        var histogram = new LatencyHistogram();
        long applied = 0;
        connectivity.Connectors[0].Applied += (values, at) =>
        {
            foreach (var (_, value) in values)
            {
                var source = DateTime.SpecifyKind(value.SourceTimestamp, DateTimeKind.Utc);
                histogram.Record((at.UtcDateTime - source).TotalMilliseconds);
            }

            Interlocked.Add(ref applied, values.Count);
        };

        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        Console.WriteLine($"plant-load: {machines} machines x ({extraTags} extra tags at {extraRate}/s + standard tags), publishing {publishing} ms; warm-up {warmup} s, measuring {duration} s");
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        histogram.Reset();
        var process = Process.GetCurrentProcess();
        var startApplied = Interlocked.Read(ref applied);
        var startCpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long peakWorkingSet = 0;
        for (var s = 0; s < duration; s++)
        {
            await Task.Delay(1000);
            process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var count = Interlocked.Read(ref applied) - startApplied;
        process.Refresh();
        var cpu = (process.TotalProcessorTime - startCpu).TotalSeconds;
        var connection = connectivity.Connections[0];
        await stop.CancelAsync();
        await run;
        await host.StopAsync();

        var report = string.Join(Environment.NewLine,
            "| figure | value |",
            "|---|---|",
            $"| machines / subscribed tags | {machines} / {maps.Sum(m => m.Tags().Count())} |",
            $"| publishing interval | {publishing} ms |",
            $"| tag updates applied to grain state | {count / seconds:N0} /s ({count:N0} in {seconds:N1} s) |",
            $"| latency SourceTimestamp → applied, p50 | {histogram.Percentile(0.50):N1} ms |",
            $"| latency SourceTimestamp → applied, p99 | {histogram.Percentile(0.99):N1} ms |",
            $"| process CPU (simulator + connector + silo) | {cpu / seconds:N2} cores |",
            $"| peak working set / managed heap at end | {peakWorkingSet / 1048576.0:N0} MiB / {GC.GetTotalMemory(false) / 1048576.0:N0} MiB |",
            $"| connection state / reconnects | {connection.State} / {connection.Reconnects} |");
        Console.WriteLine(report);
        var results = Path.Combine(AppContext.BaseDirectory, "plant-load.md");
        await File.WriteAllTextAsync(results, $"# plant-load {DateTime.UtcNow:u}{Environment.NewLine}{Environment.NewLine}{report}{Environment.NewLine}");
        Console.WriteLine($"written to {results}");
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
