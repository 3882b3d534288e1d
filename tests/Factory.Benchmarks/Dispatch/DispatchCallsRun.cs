using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Factory.Contracts.Grains;
using Factory.Contracts.Specs;
using Factory.Contracts.Views;
using Factory.Domain.PackMl;
using Factory.Grains;
using Factory.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Factory.Benchmarks.Dispatch;

/// <summary>
/// What one manager assignment and one machine failure cost the dispatcher, in grain calls and time (issues #10, #20).
/// A real silo in this process (the host's SQLite grain storage in a temporary folder) holds a generated plant; a grain
/// call filter counts every call a grain receives (storage grains aside). Each action is done, then the run waits for
/// the plan it causes and for the silo to fall quiet (no call for 300 ms), and reports the calls by method, the time to
/// the new plan, and the dispatcher's own re-plan time (<c>factory.dispatch.replan_duration</c>).
/// The optimizer is off and the release check and picture refresh are an hour apart, so every call counted is caused by
/// the action. <c>dotnet run -c Release --project tests/Factory.Benchmarks -- dispatch-calls [--machines 100]
/// [--orders 250] [--workers 50] [--repeats 10]</c>
/// </summary>
internal static class DispatchCallsRun
{
    private static readonly string[] Capabilities = ["mill", "drill", "turn", "weld"];

    public static async Task<int> RunAsync(string[] args)
    {
        var machines = RunArguments.Int(args, "--machines", 100);
        var orders = RunArguments.Int(args, "--orders", 250);
        var workers = RunArguments.Int(args, "--workers", Math.Max(4, machines / 2));
        var repeats = RunArguments.Int(args, "--repeats", 10);
        var data = Path.Combine(Path.GetTempPath(), "factory-dispatch-calls-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var counter = new CallCounter();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(FreePort.Next(), FreePort.Next());
            silo.AddSqliteGrainStorage(StorageNames.Plant, o => o.DatabasePath = Path.Combine(data, "factory.db"));
            silo.AddIncomingGrainCallFilter(counter);
            silo.Services.Configure<DispatchOptions>(o =>
            {
                o.OptimizerTimeLimit = TimeSpan.Zero;
                o.ReleaseCheckInterval = TimeSpan.FromHours(1);
                o.PictureRefreshInterval = TimeSpan.FromHours(1);
            });
        });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(Factory.Domain.PlantClock.RealTime);
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            Console.WriteLine($"dispatch-calls: {machines} machines, {workers} workers, {orders} orders × 4 operations; load average {Load()}");
            var site = await DefineAsync(grains, machines, workers, orders);
            var dispatcher = grains.GetGrain<IDispatcherGrain>(site);
            await dispatcher.EnsurePlan();
            await QuietAsync(counter);

            using var replans = new ReplanListener();
            var random = new Random(11);
            var assignment = new Figures();
            var failure = new Figures();
            var recovery = new Figures();
            for (var i = 0; i < repeats; i++)
            {
                var plan = await dispatcher.GetPlan();
                // A manager moves a planned, not yet released operation to another capable machine.
                var open = plan.Operations.Where(o => o.Start > DateTimeOffset.UtcNow.AddMinutes(5)).ToList();
                var pick = open[random.Next(open.Count)];
                var capable = MachineIds(machines).Where((id, n) => Capabilities[n % Capabilities.Length] == Capability(pick.Sequence) && id != pick.MachineId).ToList();
                var other = capable[random.Next(capable.Count)];
                await assignment.Measure(counter, replans, dispatcher, plan.Version, () =>
                    grains.GetGrain<IWorkOrderGrain>(pick.WorkOrderId).Assign(pick.Sequence, other, pick.WorkerId ?? "", pinned: false, notBefore: null));

                // A machine with work in the plan fails (Abort), then comes back (Clear, Reset).
                var busy = (await dispatcher.GetPlan()).Operations.GroupBy(o => o.MachineId).OrderByDescending(g => g.Count()).ElementAt(random.Next(10)).Key;
                var machine = grains.GetGrain<IMachineGrain>(busy);
                await failure.Measure(counter, replans, dispatcher, (await dispatcher.GetPlan()).Version, () => machine.ExecuteCommand(PackMlCommand.Abort));
                await Eventually(async () => (await machine.GetView())!.State == PackMlState.Aborted);
                await recovery.Measure(counter, replans, dispatcher, (await dispatcher.GetPlan()).Version, async () =>
                {
                    // The machine's job may take it on by itself once it is cleared: each step only when it is still needed.
                    var result = await machine.ExecuteCommand(PackMlCommand.Clear);
                    await Eventually(async () => (await machine.GetView())!.State is not (PackMlState.Aborted or PackMlState.Clearing));
                    if ((await machine.GetView())!.State == PackMlState.Stopped)
                    {
                        result = await machine.ExecuteCommand(PackMlCommand.Reset);
                        await Eventually(async () => (await machine.GetView())!.State is not (PackMlState.Stopped or PackMlState.Resetting));
                    }

                    return (await machine.GetView())!.State == PackMlState.Idle ? await machine.ExecuteCommand(PackMlCommand.Start) : result;
                });
            }

            Console.WriteLine();
            Console.WriteLine("| action | grain calls (mean) | of which reads of views | ApplyPlan calls (that changed the order) | grain state writes | to the new plan p50 / max | dispatcher re-plan p50 / max |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
            Console.WriteLine(assignment.Row("a manager's assignment"));
            Console.WriteLine(failure.Row("a machine fails (Abort)"));
            Console.WriteLine(recovery.Row("it returns (Clear, Reset, Start)"));
            Console.WriteLine();
            Console.WriteLine("Calls per manager assignment, by method (mean):");
            foreach (var (method, count) in assignment.ByMethod().Take(15))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,8:0.0}  {method}"));
            }

            Console.WriteLine("Calls per machine failure, by method (mean):");
            foreach (var (method, count) in failure.ByMethod().Take(15))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {count,8:0.0}  {method}"));
            }
        }
        finally
        {
            await host.StopAsync();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // SQLite may hold the file a moment longer; a leftover temporary folder is harmless.
            }
        }

        return 0;
    }

    private static IEnumerable<string> MachineIds(int machines) => Enumerable.Range(0, machines).Select(i => $"M{i:0000}");

    private static string Capability(int sequence) => Capabilities[(sequence / 10 - 1) % Capabilities.Length];

    private static async Task<string> DefineAsync(IGrainFactory grains, int machines, int workers, int orders)
    {
        const string site = "bench-site";
        var siteGrain = grains.GetGrain<ISiteGrain>(site);
        await siteGrain.Define(new SiteSpec(site, "Benchmark site", "UTC"));
        var ids = MachineIds(machines).ToList();
        foreach (var line in ids.Select((id, i) => (id, i)).GroupBy(x => x.i / 10))
        {
            var lineId = $"L{line.Key:000}";
            foreach (var (id, i) in line)
            {
                await grains.GetGrain<IMachineGrain>(id).Define(new MachineSpec(id, site, lineId, id, [Capabilities[i % Capabilities.Length]], 10, false, PackMlState.Execute));
                await siteGrain.Register(SiteMember.Machine, id);
            }

            await grains.GetGrain<ILineGrain>(lineId).Define(new LineSpec(lineId, site, lineId, [.. line.Select(x => x.id)]));
        }

        var skills = Capabilities.ToImmutableDictionary(c => c, _ => 3);
        var certified = Capabilities.Select(c => new CertificationView(c, DateTimeOffset.UtcNow.AddYears(1))).ToImmutableArray();
        for (var w = 0; w < workers; w++)
        {
            var id = $"W{w:000}";
            await grains.GetGrain<IWorkerGrain>(id).Define(new WorkerSpec(id, site, id, skills, certified, "A", ClockedIn: true));
            await siteGrain.Register(SiteMember.Worker, id);
        }

        var random = new Random(5);
        for (var o = 0; o < orders; o++)
        {
            var id = $"WO{o:0000}";
            var operations = Enumerable.Range(1, 4).Select(s => new OperationSpec(s * 10, $"op {s * 10}", Capability(s * 10), Capability(s * 10), 1,
                600 + random.Next(3000), [])).ToImmutableArray();
            await grains.GetGrain<IWorkOrderGrain>(id).Create(new WorkOrderSpec(id, site, "Part", 10, DateTimeOffset.UtcNow.AddHours(8 + random.Next(40)), 1 + random.Next(3), operations));
            await siteGrain.Register(SiteMember.WorkOrder, id);
        }

        return site;
    }

    private static async Task QuietAsync(CallCounter counter)
    {
        var last = counter.Total;
        var quietSince = Stopwatch.StartNew();
        while (quietSince.ElapsedMilliseconds < 300)
        {
            await Task.Delay(20);
            if (counter.Total != last)
            {
                last = counter.Total;
                quietSince.Restart();
            }
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("the machine did not reach the state in 30 s");
            }

            await Task.Delay(10);
        }
    }

    private static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    /// <summary>The calls, writes and times of one kind of action over its repeats.</summary>
    private sealed class Figures
    {
        private readonly List<IReadOnlyDictionary<string, int>> _calls = [];
        private readonly List<double> _toPlan = [];
        private readonly List<double> _replan = [];
        private readonly List<int> _writes = [];

        public async Task Measure(CallCounter counter, ReplanListener replans, IDispatcherGrain dispatcher, long planBefore, Func<Task<CommandResult>> action)
        {
            await QuietAsync(counter);
            replans.Clear();
            counter.Start();
            var clock = Stopwatch.StartNew();
            var result = await action();
            if (!result.Accepted)
            {
                throw new InvalidOperationException($"the action was refused: {result.Reason}");
            }

            var waited = Stopwatch.StartNew();
            while ((await dispatcher.GetPlan()).Version == planBefore && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(2);
            }

            _toPlan.Add(clock.Elapsed.TotalMilliseconds);
            await QuietAsync(counter);
            _calls.Add(counter.Stop());
            _replan.AddRange(replans.Durations);
            _writes.Add(replans.Writes);
        }

        public string Row(string action)
        {
            var mean = _calls.Average(c => c.Values.Sum());
            var reads = _calls.Average(c => c.Where(kv => kv.Key.EndsWith(".GetView", StringComparison.Ordinal)).Sum(kv => kv.Value));
            var applies = _calls.Average(c => c.GetValueOrDefault("IWorkOrderGrain.ApplyPlan"));
            var writes = _calls.Average(c => c.GetValueOrDefault("IWorkOrderGrain.ApplyPlan (wrote)"));
            return string.Create(CultureInfo.InvariantCulture,
                $"| {action} | {mean:0.0} | {reads:0.0} | {applies:0.0} ({writes:0.0}) | {_writes.Average():0.0} | {Percentile(_toPlan, 50):0.0} / {_toPlan.Max():0.0} ms | {Percentile(_replan, 50):0.0} / {(_replan.Count == 0 ? 0 : _replan.Max()):0.0} ms (n={_replan.Count}) |");
        }

        public IEnumerable<(string Method, double Count)> ByMethod() =>
            _calls.SelectMany(c => c.Keys).Distinct()
                .Select(m => (m, _calls.Average(c => (double)c.GetValueOrDefault(m))))
                .Where(x => !x.m.EndsWith("(wrote)", StringComparison.Ordinal))
                .OrderByDescending(x => x.Item2);

        private static double Percentile(List<double> values, double p)
        {
            if (values.Count == 0)
            {
                return 0;
            }

            var sorted = values.Order().ToList();
            return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
        }
    }

    /// <summary>Counts the calls grains receive while started, by interface and method (Orleans' own grains aside).</summary>
    private sealed class CallCounter : IIncomingGrainCallFilter
    {
        private ConcurrentDictionary<string, int>? _counting;
        private long _total;

        public long Total => Interlocked.Read(ref _total);

        public void Start() => _counting = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);

        public IReadOnlyDictionary<string, int> Stop()
        {
            var counted = _counting ?? new ConcurrentDictionary<string, int>();
            _counting = null;
            return counted;
        }

        public async Task Invoke(IIncomingGrainCallContext context)
        {
            var type = context.InterfaceMethod?.DeclaringType;
            var counting = type?.Namespace?.StartsWith("Factory.", StringComparison.Ordinal) == true ? _counting : null;
            var name = counting is null ? null : $"{type!.Name}.{context.InterfaceMethod!.Name}";
            if (name is not null && !name.EndsWith("IDispatcherGrain.GetPlan", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _total);
                counting!.AddOrUpdate(name, 1, (_, n) => n + 1);
            }

            if (name == "IWorkOrderGrain.ApplyPlan" && context.Grain is IWorkOrderGrain order)
            {
                var before = (await order.GetView())?.Version;
                await context.Invoke();
                if ((await order.GetView())?.Version != before)
                {
                    counting!.AddOrUpdate(name + " (wrote)", 1, (_, n) => n + 1);
                }

                return;
            }

            await context.Invoke();
        }
    }

    /// <summary>The dispatcher's own re-plan times and the grain state writes, read from their metrics in this process.</summary>
    private sealed class ReplanListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<double> _durations = new();
        private int _writes;

        public ReplanListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "factory.dispatch.replan_duration" or "factory.storage.write_duration")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
            {
                if (instrument.Name == "factory.dispatch.replan_duration")
                {
                    _durations.Enqueue(value);
                }
                else
                {
                    Interlocked.Increment(ref _writes);
                }
            });
            _listener.Start();
        }

        public IReadOnlyList<double> Durations => [.. _durations];

        public int Writes => Volatile.Read(ref _writes);

        public void Clear()
        {
            _durations.Clear();
            Volatile.Write(ref _writes, 0);
        }

        public void Dispose() => _listener.Dispose();
    }
}
