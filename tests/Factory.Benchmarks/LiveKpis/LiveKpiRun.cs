using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Factory.Contracts.Grains;
using Factory.Contracts.Production;
using Factory.Domain.Oee;
using Factory.Domain.PackMl;
using Factory.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factory.Benchmarks.LiveKpis;

/// <summary>
/// What one second of live KPIs costs with N machines changing on a plant of M machines (issues #10, #20), before and
/// after they were kept incrementally. A real silo in this process (memory storage) holds M machine logs with a shift
/// so far of history; each tick N machines get a new state and a count, then the live feed's work of that tick runs:
/// <list type="bullet">
/// <item><b>before</b> — what the feed did: every row due (the changed machines, their lines every tick, the site every
/// tenth second at 1,000 machines) reads each of its machines' whole window (<c>GetLog</c>) and replays it
/// (<see cref="OeeCalculator.ComputeMany"/>), as <c>KpiQueries</c> does;</item>
/// <item><b>after</b> — what <c>LiveKpiBook</c> does: one <c>GetLogTail</c> per changed machine folded into its
/// <see cref="LiveMachineKpis"/>, rows (machines, lines and the site, every tick) summed from the machines' snapshots.</item>
/// </list>
/// Reports grain calls and CPU ms (the whole process: silo and feed) per tick, and checks both give the same site figures.
/// <c>dotnet run -c Release --project tests/Factory.Benchmarks -- live-kpis [--machines 1000] [--lines 20]
/// [--changing 1,10,100,1000] [--ticks 10] [--hours 4]</c>
/// </summary>
internal static class LiveKpiRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var machines = RunArguments.Int(args, "--machines", 1000);
        var lines = RunArguments.Int(args, "--lines", 20);
        var ticks = RunArguments.Int(args, "--ticks", 10);
        var hours = RunArguments.Int(args, "--hours", 4);
        var changing = (RunArguments.Option(args, "--changing") ?? "1,10,100,1000")
            .Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n <= machines).ToList();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.AddMemoryGrainStorage(StorageNames.Plant);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
        using var host = builder.Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IGrainFactory>();

        var ids = Enumerable.Range(0, machines).Select(i => $"M{i:0000}").ToList();
        var lineOf = ids.Select((id, i) => (id, Line: $"L{i * lines / machines:00}")).ToDictionary(x => x.id, x => x.Line, StringComparer.Ordinal);
        var now = DateTimeOffset.UtcNow;
        var windowStart = now.AddHours(-hours);
        Console.WriteLine($"live-kpis: {machines} machines on {lines} lines, a window of {hours} h so far; {ticks} ticks per figure");
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await grains.GetGrain<IMachineLogGrain>(id).Post(History(id, windowStart, now)));

        var window = new TimeRange(windowStart, windowStart.AddHours(hours + 4));
        var feed = new Incremental(grains, window);
        var random = new Random(7);

        // Once per window (start-up, a new shift): every machine's figures read from the window's start.
        var startup = new Cost();
        await startup.Measure(() => feed.Refresh(ids));
        Console.WriteLine($"after, once per window: {startup.Calls} full reads, {startup.CpuMs:0} ms CPU");
        Console.WriteLine("| machines changing | before: grain calls/tick | before: CPU ms/tick | after: grain calls/tick | after: CPU ms/tick | after: full reads (all ticks) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var n in changing)
        {
            var before = new Cost();
            var after = new Cost();
            var fullReads = feed.FullReads;
            for (var tick = 0; tick < ticks; tick++)
            {
                var changed = ids.OrderBy(_ => random.Next()).Take(n).ToList();
                await Change(grains, changed, random);
                var touched = changed.Select(m => lineOf[m]).Distinct(StringComparer.Ordinal).ToList();

                // Before: each changed machine's row, each touched line's (≤ 100 machines: every second), the site's every 10th second.
                await before.Measure(async () =>
                {
                    var calls = 0;
                    var at = DateTimeOffset.UtcNow;
                    var rows = changed.Select(m => (IReadOnlyList<string>)[m])
                        .Concat(touched.Select(l => (IReadOnlyList<string>)[.. ids.Where(m => lineOf[m] == l)]))
                        .Concat(tick % Math.Max(1, machines / 100) == 0 ? [ids] : []);
                    foreach (var row in rows)
                    {
                        calls += row.Count;
                        _ = await Replay(grains, row, windowStart, at);
                    }

                    return calls;
                });

                // After: one tail per changed machine, then every row summed (the site's every second).
                await after.Measure(async () =>
                {
                    var calls = await feed.Refresh(changed);
                    var at = DateTimeOffset.UtcNow;
                    foreach (var m in changed)
                    {
                        _ = feed.Row([m], at);
                    }

                    foreach (var l in touched)
                    {
                        _ = feed.Row([.. ids.Where(m => lineOf[m] == l)], at);
                    }

                    _ = feed.Row(ids, at);
                    return calls;
                });
            }

            Console.WriteLine($"| {n} of {machines} | {before.Calls / (double)ticks:0} | {before.CpuMs / ticks:0.0} | {after.Calls / (double)ticks:0} | {after.CpuMs / ticks:0.0} | {feed.FullReads - fullReads} |");
        }

        // The same figures: the site's row both ways at one instant, nothing changing in between.
        await feed.Refresh(ids);
        var end = DateTimeOffset.UtcNow;
        var replayed = await Replay(grains, ids, windowStart, end);
        var summed = feed.Row(ids, end);
        Console.WriteLine(replayed == summed
            ? $"site figures equal both ways (OEE {summed.Oee:0.0000}, {summed.Output.Produced} produced)"
            : $"site figures DIFFER: replayed {replayed}, summed {summed}");
        await host.StopAsync();
        return replayed == summed ? 0 : 1;
    }

    // A shift so far: a state every 3 minutes (one in four a stop), a count every minute.
    private static ImmutableArray<MachineEventInput> History(string id, DateTimeOffset from, DateTimeOffset to)
    {
        var events = new List<MachineEventInput>();
        var i = id.GetHashCode(StringComparison.Ordinal) & 3;
        for (var at = from; at < to; at = at.AddMinutes(1), i++)
        {
            PackMlState? state = i % 3 == 0 ? (i % 12 == 9 ? PackMlState.Held : PackMlState.Execute) : null;
            events.Add(new MachineEventInput(at, state, null, null, null, null, 5, i % 7 == 0 ? 1 : 0, 0, 1, null));
        }

        return [.. events];
    }

    private static Task Change(IGrainFactory grains, IEnumerable<string> machines, Random random)
    {
        var at = DateTimeOffset.UtcNow;
        var state = random.Next(4) == 0 ? PackMlState.Held : PackMlState.Execute;
        return Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).Post(
            [new MachineEventInput(at, state, null, null, null, null, 3, 0, 0, 1, null)])));
    }

    // What KpiQueries does for one row: every machine's whole window read and replayed.
    private static async Task<ProductionKpis> Replay(IGrainFactory grains, IReadOnlyList<string> machines, DateTimeOffset from, DateTimeOffset to)
    {
        var logs = await Task.WhenAll(machines.Select(m => grains.GetGrain<IMachineLogGrain>(m).GetLog(from, to)));
        var intervals = logs.SelectMany(l => l.Intervals(to)).ToList();
        var counts = logs.SelectMany(l => l.Counts.Select(c => c.ToDomain(l.MachineId))).ToList();
        var stops = logs.ToDictionary(l => l.MachineId, l => l.Stops.Select(s => s.ToDomain()).ToList(), StringComparer.Ordinal);
        return OeeCalculator.ComputeMany(machines, intervals, counts, m => PlannedTime.ContinuousWith(stops[m]), new TimeRange(from, to),
            TimeClassification.Default, DowntimeReasonTree.Empty);
    }

    // Grain calls and process CPU over the measured parts.
    private sealed class Cost
    {
        public long Calls { get; private set; }

        public double CpuMs { get; private set; }

        public async Task Measure(Func<Task<int>> work)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            Calls += await work();
            process.Refresh();
            CpuMs += (process.TotalProcessorTime - cpu).TotalMilliseconds;
        }
    }

    // LiveKpiBook's reads and sums, over the same grains (the host's book needs the host's catalog).
    private sealed class Incremental(IGrainFactory grains, TimeRange window)
    {
        private readonly Dictionary<string, (LiveMachineKpis Figures, Guid Epoch, long Revision)> _kept = new(StringComparer.Ordinal);

        public int FullReads { get; private set; }

        public async Task<int> Refresh(IReadOnlyCollection<string> machines)
        {
            var now = DateTimeOffset.UtcNow;
            var reads = await Task.WhenAll(machines.Select(async m =>
            {
                var kept = _kept.GetValueOrDefault(m);
                var tail = await grains.GetGrain<IMachineLogGrain>(m).GetLogTail(window.Start, kept.Figures?.ReadFrom ?? window.Start, now, kept.Epoch, kept.Revision);
                return (m, kept.Figures, tail);
            }));
            foreach (var (m, kept, tail) in reads)
            {
                var figures = kept;
                if (figures is null || tail.FromStart)
                {
                    FullReads++;
                    figures = new LiveMachineKpis(m, window, PlannedTime.ContinuousWith(tail.Log.Stops.Select(s => s.ToDomain())), TimeClassification.Default,
                        DowntimeReasonTree.Empty, StateIntervalLog.MachineReorderBound);
                }

                figures.Take([.. tail.Log.Events.Select(e => e.ToDomain(m))], [.. tail.Log.Counts.Select(c => c.ToDomain(m))], now);
                _kept[m] = (figures, tail.Epoch, tail.Revision);
            }

            return machines.Count;
        }

        public ProductionKpis Row(IReadOnlyList<string> machines, DateTimeOffset at) =>
            ProductionKpis.Sum(machines.Select(m => _kept.TryGetValue(m, out var k) ? k.Figures.Snapshot(at) : ProductionKpis.Zero));
    }
}
