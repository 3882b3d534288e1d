using System.Diagnostics;
using System.Globalization;
using System.Text;
using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// Load run "schedule-breakdown": la01–la40 and mk01–mk10 with a machine-down window, planned by first-free-slot insertion
/// (the MES/ERP baseline), the plain dispatcher, the constructive planner and CP-SAT (warm-started from the constructive
/// plan), with the gap to the instance's known optimum and the time each took. The window: the machine with the most work
/// (processing time; for flexible shops each operation's time shared over its machines) is down from a quarter of the
/// optimum for a tenth of it. A breakdown can only lengthen the best plan, so the optimum without it is a lower bound and
/// the gap is measured against it (CP-SAT's own proven bound for the case with the window is shown too).
/// Options: --only PREFIX[,PREFIX], --cp-seconds S (default 10), --workers N (default 2), --name NAME (default breakdown).
/// Writes results/NAME.csv and NAME.md.
/// </summary>
public static class BreakdownRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var only = RunArguments.Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var cpSeconds = double.Parse(RunArguments.Option(args, "--cp-seconds") ?? "10", CultureInfo.InvariantCulture);
        var workers = int.Parse(RunArguments.Option(args, "--workers") ?? "2", CultureInfo.InvariantCulture);
        var name = RunArguments.Option(args, "--name") ?? "breakdown";
        var root = RunPaths.Instances();
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var instances = BenchmarkCatalog.Read(Path.Combine(root, "jsplib", "instances.json"))
            .Where(i => i.Name.StartsWith("la", StringComparison.Ordinal)).Select(i => (Instance: i, Fjsp: false))
            .Concat(BenchmarkCatalog.Read(Path.Combine(root, "fjsp", "instances.json"))
                .Where(i => i.Name.StartsWith("mk", StringComparison.Ordinal) && int.Parse(i.Name[2..], CultureInfo.InvariantCulture) <= 10)
                .Select(i => (Instance: i, Fjsp: true)))
            .Where(x => only is null || only.Any(p => x.Instance.Name.StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(x => x.Instance.Name, StringComparer.Ordinal)
            .ToList();

        var rows = new List<BreakdownRow>();
        var warm = true;
        foreach (var (instance, fjsp) in instances)
        {
            var plain = fjsp ? FjspReader.Read(instance.Path) : JsplibReader.Read(instance.Path);
            var reference = instance.Reference ?? throw new InvalidOperationException($"{instance.Name} has no reference makespan");
            var (machine, window) = Window(plain, reference);
            var problem = plain.WithUnavailability(machine, window);
            if (warm)
            {
                // JIT and first-touch costs once, outside every measurement.
                new InsertionScheduler().Solve(problem);
                new GreedyDispatcher().Solve(problem);
                new ConstructivePlanner().Solve(problem);
                warm = false;
            }

            var insertion = Fast(() => new InsertionScheduler().Solve(problem));
            var dispatcher = Fast(() => new GreedyDispatcher().Solve(problem));
            var constructive = Fast(() => new ConstructivePlanner().Solve(problem));
            var sw = Stopwatch.StartNew();
            var cp = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(cpSeconds), Hint: constructive.Result.Plan, Workers: workers));
            var cpMs = sw.Elapsed.TotalMilliseconds;
            var valid = new[] { insertion.Result, dispatcher.Result, constructive.Result, cp }.All(r => r.Plan is { } p && PlanChecker.Check(problem, p).Count == 0);
            var row = new BreakdownRow(instance.Name, $"{plain.Jobs.Count}×{plain.Machines.Count}", reference, instance.Optimum is not null,
                $"{machine}:{window.From}-{window.To}",
                insertion.Result.Plan!.Makespan, insertion.Ms, dispatcher.Result.Plan!.Makespan, dispatcher.Ms,
                constructive.Result.Plan!.Makespan, constructive.Ms, cp.Plan!.Makespan, cpMs, cp.IsOptimal, cp.LowerBound, valid);
            rows.Add(row);
            Console.WriteLine(row.ToCsv());
        }

        var results = RunPaths.Results();
        Directory.CreateDirectory(results);
        await File.WriteAllLinesAsync(Path.Combine(results, name + ".csv"), [BreakdownRow.Header, .. rows.Select(r => r.ToCsv())]);
        var md = Summary(rows, cpSeconds, workers, load);
        await File.WriteAllTextAsync(Path.Combine(results, name + ".md"), md);
        Console.WriteLine(md);
        return rows.All(r => r.Valid) ? 0 : 3;
    }

    /// <summary>The machine with the most work, down from a quarter of the reference makespan for a tenth of it.</summary>
    public static (string Machine, TimeWindow Window) Window(SchedulingProblem problem, long reference)
    {
        var load = problem.Machines.ToDictionary(m => m.Id, _ => 0.0, StringComparer.Ordinal);
        foreach (var op in problem.Jobs.SelectMany(j => j.Operations))
        {
            foreach (var alt in op.Alternatives)
            {
                load[alt.MachineId] += (double)alt.Duration / op.Alternatives.Count;
            }
        }

        var machine = problem.Machines.Select(m => m.Id).OrderByDescending(id => load[id]).First();
        var from = reference / 4;
        return (machine, new TimeWindow(from, from + Math.Max(1, (reference + 9) / 10)));
    }

    /// <summary>The median of three runs of a millisecond solver (its plan is the same every run).</summary>
    private static (SolveResult Result, double Ms) Fast(Func<SolveResult> solve)
    {
        var times = new List<double>(3);
        SolveResult? result = null;
        for (var i = 0; i < 3; i++)
        {
            var sw = Stopwatch.StartNew();
            result = solve();
            times.Add(sw.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return (result!, times[1]);
    }

    private static string Summary(List<BreakdownRow> rows, double cpSeconds, int workers, string load)
    {
        var md = new StringBuilder();
        md.AppendLine("# Plans with a machine-down window: gap to the known optimum");
        md.AppendLine();
        md.AppendLine("Produced by `dotnet run -c Release --project tests/Factory.Benchmarks -- schedule-breakdown`. Each instance gets one breakdown: the machine");
        md.AppendLine("with the most work (processing time; in flexible shops each operation's time shared over its machines) is down from ¼ of the");
        md.AppendLine("known optimum for 1/10 of it. A breakdown can only lengthen the best plan, so the optimum without it is a lower bound, and the gap");
        md.AppendLine("(makespan − optimum) / optimum overstates every solver's distance from the true optimum alike. Insertion = first-free-slot loading");
        md.AppendLine("of whole work orders in priority order (`InsertionScheduler`, what common MES/ERP do); dispatcher = the plain constructive dispatcher");
        md.AppendLine("(`GreedyDispatcher`, the plan applied before); constructive = `ConstructivePlanner` (priority rules + insertion, best kept, then the");
        md.AppendLine(CultureInfo.InvariantCulture, $"critical-path local search, default budget); CP-SAT = {cpSeconds:0.#} s wall clock, {workers} search threads, warm-started from the constructive plan.");
        md.AppendLine("Times: median of 3 runs for the three fast solvers, one run for CP-SAT. Every plan was checked with `PlanChecker`.");
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores shared with other work; load average at the start: {load}.");
        md.AppendLine();
        md.AppendLine("## Averages");
        md.AppendLine();
        md.AppendLine("| set | instances | insertion gap % (ms) | dispatcher gap % (ms) | constructive gap % (ms) | CP-SAT gap % (s) | constructive worse than insertion | constructive better than insertion |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (set, filter) in new (string, Func<BreakdownRow, bool>)[]
                 {
                     ("la01–la40", r => r.Name.StartsWith("la", StringComparison.Ordinal)),
                     ("mk01–mk10", r => r.Name.StartsWith("mk", StringComparison.Ordinal)),
                     ("all", _ => true),
                 })
        {
            var s = rows.Where(filter).ToList();
            if (s.Count == 0)
            {
                continue;
            }

            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {set} | {s.Count} | {s.Average(r => r.Gap(r.Insertion)):0.00} ({s.Average(r => r.InsertionMs):0.0}) | {s.Average(r => r.Gap(r.Dispatcher)):0.00} ({s.Average(r => r.DispatcherMs):0.0}) | {s.Average(r => r.Gap(r.Constructive)):0.00} ({s.Average(r => r.ConstructiveMs):0.0}) | {s.Average(r => r.Gap(r.CpSat)):0.00} ({s.Average(r => r.CpSatMs) / 1000:0.0}) | {s.Count(r => r.Constructive > r.Insertion)} | {s.Count(r => r.Constructive < r.Insertion)} |");
        }

        md.AppendLine();
        md.AppendLine("## Every instance (makespan, gap % in brackets, time)");
        md.AppendLine();
        md.AppendLine("| instance | size | optimum | down | insertion | dispatcher | constructive | CP-SAT | CP-SAT bound | valid |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Name} | {r.Size} | {r.Reference}{(r.ReferenceIsOptimum ? "" : " (UB)")} | {r.Down} | {r.Insertion} ({r.Gap(r.Insertion):0.0}) {r.InsertionMs:0.0} ms | {r.Dispatcher} ({r.Gap(r.Dispatcher):0.0}) {r.DispatcherMs:0.0} ms | {r.Constructive} ({r.Gap(r.Constructive):0.0}) {r.ConstructiveMs:0.0} ms | {r.CpSat}{(r.CpSatOptimal ? "*" : "")} ({r.Gap(r.CpSat):0.0}) {r.CpSatMs / 1000:0.0} s | {(r.CpSatBound is { } b ? b.ToString(CultureInfo.InvariantCulture) : "–")} | {(r.Valid ? "yes" : "NO")} |");
        }

        md.AppendLine();
        md.AppendLine("\\* CP-SAT proved the plan optimal for the instance with its breakdown. (UB): no proven optimum, the best known upper bound.");
        return md.ToString();
    }
}
