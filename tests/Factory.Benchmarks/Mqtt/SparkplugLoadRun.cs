using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Factory.Benchmarks.Connectivity;
using Factory.Cluster.Tests;
using Factory.Connectivity;
using Factory.Connectivity.Mqtt;
using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Domain.PackMl;
using Factory.Grains;
using Factory.Grains.Storage;
using Factory.Mqtt;
using Factory.Mqtt.Sparkplug;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet;

namespace Factory.Benchmarks.Mqtt;

/// <summary>
/// End-to-end Sparkplug B load run: edge nodes (10 devices each, MQTTnet clients in this process) publish DDATA with every
/// metric changed, at a fixed rate, through a real mosquitto on loopback; Factory's host connector decodes them and
/// feeds the machine grains of a real silo. Reports metrics applied to grain state per second and the latency from each
/// metric's timestamp (ms, set when published) to its applied grain state.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- sparkplug-load [--machines 100] [--metrics 100] [--rate 10] [--warmup 10] [--duration 30]</c>
/// </summary>
internal static class SparkplugLoadRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var machines = RunArguments.Int(args, "--machines", 100);
        var metrics = RunArguments.Int(args, "--metrics", 100);
        var rate = RunArguments.Int(args, "--rate", 10);
        var warmup = RunArguments.Int(args, "--warmup", 10);
        var duration = RunArguments.Int(args, "--duration", 30);
        using var data = new ScratchFolder("factory-sparkplug-load-");
        var port = FreePort.Next();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "mosquitto.conf"), $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 100000\n");
        using var broker = Process.Start(new ProcessStartInfo("/usr/sbin/mosquitto", ["-c", Path.Combine(data.Path, "mosquitto.conf")]) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("mosquitto did not start (apt-get install mosquitto)");
        await Task.Delay(500);
        var url = new Uri($"mqtt://127.0.0.1:{port}");

        using var host = await LoadSilo.StartAsync(data.Path);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        const string site = LoadSilo.Site;
        var ids = Enumerable.Range(1, machines).Select(i => (Id: $"M{i:000}", Node: $"N{(i - 1) / 10 + 1:00}")).ToList();
        foreach (var (id, node) in ids)
        {
            await grains.GetGrain<IMachineGrain>(id).Define(new Factory.Contracts.Specs.MachineSpec(id, site, node, id, ["work"], 1, false, PackMlState.Execute, "edge"));
        }

        var names = Enumerable.Range(1, metrics).Select(m => $"Values/V{m:000}").ToList();
        var maps = ids.Select(m => new BrokerMachine(
            new MachineTagMap(m.Id, Extra: names.ToDictionary(n => n, n => new TagReference(n))), "Load", m.Node, m.Id)).ToList();
        var connectivity = new PlantConnectivity(grains, TimeProvider.System, NullLoggerFactory.Instance);
        var connector = connectivity.Add(new BrokerEndpointSettings("edge", site, BrokerEndpointKind.Sparkplug, new BrokerSettings(url, "load-host"), TimeSpan.FromMinutes(5), maps));
        var applied = new AppliedValues();
        connector.Applied += applied.Record;
        using var stop = new CancellationTokenSource();
        var run = connectivity.RunAsync(stop.Token);
        await Task.Delay(1000);

        // The edge nodes: births with aliases, then DDATA by alias at the rate, each metric stamped when published.
        var edges = new List<(IMqttClient Client, string Node, List<string> Devices)>();
        foreach (var node in ids.GroupBy(m => m.Node))
        {
            var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(BrokerOptions.Build(new BrokerSettings(url, $"edge-{node.Key}")));
            edges.Add((client, node.Key, [.. node.Select(m => m.Id)]));
        }

        var seq = new Dictionary<string, ulong>();
        async Task PublishAsync(IMqttClient client, string node, SparkplugMessageType type, string? device, SparkplugPayload payload)
        {
            if (type != SparkplugMessageType.NBirth)
            {
                payload.Seq = seq[node] = (seq[node] + 1) % 256;
            }

            await client.PublishAsync(BrokerOptions.Message(new SparkplugTopic("Load", type, node, device).ToString(), SparkplugPayloadWriter.Write(payload), 0, false));
        }

        foreach (var (client, node, devices) in edges)
        {
            seq[node] = 0;
            var birth = new SparkplugPayload { Timestamp = Now(), Seq = 0 };
            birth.Metrics.Add(new SparkplugMetric("bdSeq", null, null, SparkplugDataType.UInt64, SparkplugValue.FromLong(0)));
            await PublishAsync(client, node, SparkplugMessageType.NBirth, null, birth);
            for (var d = 0; d < devices.Count; d++)
            {
                var dbirth = new SparkplugPayload { Timestamp = Now() };
                dbirth.Metrics.AddRange(names.Select((n, i) => new SparkplugMetric(n, (ulong)(d * 1000 + i + 1), Now(), SparkplugDataType.Double, SparkplugValue.FromDouble(0))));
                await PublishAsync(client, node, SparkplugMessageType.DBirth, devices[d], dbirth);
            }
        }

        var publishers = edges.Select(edge => Task.Run(async () =>
        {
            var period = TimeSpan.FromSeconds(1.0 / rate);
            var next = Stopwatch.GetTimestamp();
            var value = 0.0;
            while (!stop.IsCancellationRequested)
            {
                value++;
                for (var d = 0; d < edge.Devices.Count; d++)
                {
                    var now = Now();
                    var ddata = new SparkplugPayload { Timestamp = now };
                    for (var i = 0; i < names.Count; i++)
                    {
                        ddata.Metrics.Add(new SparkplugMetric(null, (ulong)(d * 1000 + i + 1), now, SparkplugDataType.Unknown, SparkplugValue.FromDouble(value)));
                    }

                    await PublishAsync(edge.Client, edge.Node, SparkplugMessageType.DData, edge.Devices[d], ddata);
                }

                next += (long)(period.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait);
                }
            }
        })).ToList();

        Console.WriteLine($"sparkplug-load: {machines} devices on {edges.Count} edge nodes x {metrics} metrics at {rate} DDATA/s each (offered {machines * metrics * rate:N0} metrics/s); warm-up {warmup} s, measuring {duration} s");
        await Task.Delay(TimeSpan.FromSeconds(warmup));
        var window = LoadWindow.Start(applied);
        await Task.Delay(TimeSpan.FromSeconds(duration));
        var (seconds, count, cpu) = window.End();
        var view = connector.View;
        var rebirths = ((SparkplugHostConnector)connector).RebirthRequests;
        await stop.CancelAsync();
        await Task.WhenAll(publishers).ContinueWith(_ => { }, TaskScheduler.Default);
        await run;
        await host.StopAsync();
        broker.Kill();

        var load = File.Exists("/proc/loadavg") ? (await File.ReadAllTextAsync("/proc/loadavg")).Split(' ')[..3] : ["?", "?", "?"];
        var report = string.Join(Environment.NewLine,
            "| figure | value |",
            "|---|---|",
            $"| devices / edge nodes / metrics per device | {machines} / {edges.Count} / {metrics} |",
            $"| offered | {machines * metrics * rate:N0} metrics/s ({machines * rate:N0} DDATA/s) |",
            $"| Sparkplug metrics applied to machine grains | {count / seconds:N0} /s ({count:N0} in {seconds:N1} s) |",
            $"| latency metric timestamp → applied, p50 | {applied.Latency.Percentile(0.50):N1} ms |",
            $"| latency metric timestamp → applied, p99 | {applied.Latency.Percentile(0.99):N1} ms |",
            $"| process CPU (edge nodes + host connector + silo; mosquitto apart) | {cpu / seconds:N2} cores |",
            $"| connection / rebirth requests | {view.State} / {rebirths} |",
            $"| load average (1, 5, 15 min) at the end | {string.Join(", ", load)} |");
        await LoadReport.WriteAsync("sparkplug-load", report);
        foreach (var (client, _, _) in edges)
        {
            client.Dispose();
        }

        return 0;
    }

    private static ulong Now() => (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
