using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Factory.Cluster.Tests;
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
        var machines = RunArguments.Int(args, "--machines", 100);
        var extraTags = RunArguments.Int(args, "--extra-tags", 40);
        var extraRate = RunArguments.Int(args, "--extra-rate", 1000);
        var publishing = RunArguments.Int(args, "--publishing", 100);
        var warmup = RunArguments.Int(args, "--warmup", 10);
        var duration = RunArguments.Int(args, "--duration", 60);
        using var data = new ScratchFolder("factory-plant-load-");

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

        using var host = await LoadSilo.StartAsync(data.Path);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        const string site = LoadSilo.Site;
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
        var applied = new AppliedValues();
        connectivity.Connectors[0].Applied += applied.Record;

        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        Console.WriteLine($"plant-load: {machines} machines x ({extraTags} extra tags at {extraRate}/s + standard tags), publishing {publishing} ms; warm-up {warmup} s, measuring {duration} s");
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var window = LoadWindow.Start(applied);
        long peakWorkingSet = 0;
        for (var s = 0; s < duration; s++)
        {
            await Task.Delay(1000);
            window.Process.Refresh();
            peakWorkingSet = Math.Max(peakWorkingSet, window.Process.WorkingSet64);
        }

        var (seconds, count, cpu) = window.End();
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
            $"| latency SourceTimestamp → applied, p50 | {applied.Latency.Percentile(0.50):N1} ms |",
            $"| latency SourceTimestamp → applied, p99 | {applied.Latency.Percentile(0.99):N1} ms |",
            $"| process CPU (simulator + connector + silo) | {cpu / seconds:N2} cores |",
            $"| peak working set / managed heap at end | {peakWorkingSet / 1048576.0:N0} MiB / {GC.GetTotalMemory(false) / 1048576.0:N0} MiB |",
            $"| connection state / reconnects | {connection.State} / {connection.Reconnects} |");
        await LoadReport.WriteAsync("plant-load", report);
        return 0;
    }
}
