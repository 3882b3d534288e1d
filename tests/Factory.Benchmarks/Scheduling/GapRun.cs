using System.Diagnostics;
using System.Globalization;
using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// Load run "schedule-gaps": every instance of ../shared/benchmarks with the dispatcher and with CP-SAT at 2 s and 10 s,
/// gap to the optimum (or best known upper bound). Appends one CSV line per instance as it goes (a rerun resumes),
/// then writes a markdown summary. Options: --only PREFIX[,PREFIX] (instance name prefixes), --long-only PREFIX[,PREFIX]
/// (instances that get the 10 s run; default all), --workers N, --deadline-minutes M (skip what would start later),
/// --name NAME (results/NAME.csv and NAME.md; default "gaps").
/// </summary>
public static class GapRun
{
    // The goal sets first, so a run cut short by its deadline still answers them.
    private static readonly string[] Order = ["la", "mk0", "mk10", "ft", "abz", "orb", "swv", "yn", "mk", "e-", "ta"];

    public static async Task<int> RunAsync(string[] args)
    {
        var only = Option(args, "--only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var longOnly = Option(args, "--long-only")?.Split(',', StringSplitOptions.RemoveEmptyEntries);
        var workers = int.Parse(Option(args, "--workers") ?? "0", CultureInfo.InvariantCulture);
        var deadline = Option(args, "--deadline-minutes") is { } m ? DateTime.UtcNow.AddMinutes(double.Parse(m, CultureInfo.InvariantCulture)) : DateTime.MaxValue;
        var root = RunPaths.Instances();
        var results = RunPaths.Results();
        Directory.CreateDirectory(results);
        var name = Option(args, "--name") ?? "gaps";
        var csv = Path.Combine(results, name + ".csv");

        var instances = BenchmarkCatalog.Read(Path.Combine(root, "jsplib", "instances.json")).Select(i => (Instance: i, Fjsp: false))
            .Concat(BenchmarkCatalog.Read(Path.Combine(root, "fjsp", "instances.json")).Select(i => (Instance: i, Fjsp: true)))
            .Where(x => only is null || only.Any(p => x.Instance.Name.StartsWith(p, StringComparison.Ordinal)))
            .OrderBy(x => Array.FindIndex(Order, p => x.Instance.Name.StartsWith(p, StringComparison.Ordinal)))
            .ToList();

        var done = File.Exists(csv) ? File.ReadLines(csv).Skip(1).Select(l => l.Split(',')[0]).ToHashSet(StringComparer.Ordinal) : [];
        if (!File.Exists(csv))
        {
            await File.WriteAllTextAsync(csv, GapRow.Header + "\n");
        }

        foreach (var (instance, fjsp) in instances)
        {
            if (done.Contains(instance.Name))
            {
                continue;
            }

            if (DateTime.UtcNow > deadline)
            {
                Console.WriteLine($"deadline reached; {instance.Name} and later instances not run");
                break;
            }

            var problem = fjsp ? FjspReader.Read(instance.Path) : JsplibReader.Read(instance.Path);
            var runLong = longOnly is null || longOnly.Any(p => instance.Name.StartsWith(p, StringComparison.Ordinal));
            var row = await MeasureAsync(instance, problem, fjsp, workers, runLong);
            await File.AppendAllTextAsync(csv, row.ToCsv() + "\n");
            Console.WriteLine(row.ToCsv());
        }

        await GapSummary.WriteAsync(csv, Path.Combine(results, name + ".md"));
        Console.WriteLine($"wrote {csv} and {name}.md");
        return 0;
    }

    private static async Task<GapRow> MeasureAsync(BenchmarkInstance instance, SchedulingProblem problem, bool fjsp, int workers, bool runLong)
    {
        var valid = true;
        var sw = Stopwatch.StartNew();
        var greedy = new GreedyDispatcher().Solve(problem);
        var greedyMs = sw.ElapsedMilliseconds;
        valid &= Valid(problem, greedy.Plan);

        var cp2 = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(2), Workers: workers));
        valid &= Valid(problem, cp2.Plan);
        SolveResult? cp10 = null;
        if (runLong)
        {
            cp10 = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(10), Workers: workers));
            valid &= Valid(problem, cp10.Plan);
        }

        return new GapRow(
            instance.Name,
            fjsp ? (instance.Name.StartsWith("mk", StringComparison.Ordinal) ? "brandimarte" : "hurink-edata") : new string([.. instance.Name.TakeWhile(char.IsLetter)]),
            problem.Jobs.Count,
            problem.Machines.Count,
            instance.Reference ?? -1,
            instance.Optimum is not null,
            greedy.Plan?.Makespan ?? -1,
            greedyMs,
            cp2.Plan?.Makespan ?? -1,
            cp2.IsOptimal,
            (long)cp2.Elapsed.TotalMilliseconds,
            cp10?.Plan?.Makespan ?? -1,
            cp10?.IsOptimal ?? false,
            (long)(cp10?.Elapsed.TotalMilliseconds ?? 0),
            valid);
    }

    private static bool Valid(SchedulingProblem problem, SchedulePlan? plan)
    {
        if (plan is null)
        {
            return false;
        }

        var violations = PlanChecker.Check(problem, plan);
        foreach (var v in violations.Take(3))
        {
            Console.Error.WriteLine("violation: " + v);
        }

        return violations.Count == 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
