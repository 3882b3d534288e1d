using System.Diagnostics;
using System.Globalization;
using System.Text;
using Factory.Benchmarks.Dashboard;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// The dispatcher's re-plan after a machine failure on generated plants of the scale run's shape (<see cref="PlantReplanScenario"/>),
/// with the host's policy, and its parts one by one: the constructive planner (all its rules and its 10 ms search), the two
/// repairs of the plan in force, and the re-plan when the failed machine is back (every operation not started may choose
/// again, as after a worker clocks in). <c>dotnet run -c Release --project tests/Factory.Benchmarks -- schedule-plant
/// [--sizes 100,1000,5000] [--runs 30] [--choices 5000,10000,20000]</c>; appends to <c>Scheduling/results/plant-replan.md</c>.
/// With <c>--choices</c> it also runs the host's optimizer (CP-SAT, 2 s, 2 threads, the re-plan as its hint, started work
/// frozen as the dispatcher freezes it) at each choice budget, and reports what it made of the plan and the memory it took.
/// </summary>
internal static class PlantReplanRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Option(args, "--sizes") ?? "100,1000,5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs") ?? "30", CultureInfo.InvariantCulture);
        var choices = (Option(args, "--choices") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var optimizerRows = new List<string>();
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## schedule-plant, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start; {runs} runs per size after 3 to warm up; the host's policy (slack 15 min, search 10 ms, margin 2 min).");
        md.AppendLine();
        md.AppendLine("| machines | workers | operations | re-plan after a failure (p50 / p99) | constructive planner (p50 / p99) | repair keeping everybody (p50) | repair with slack (p50) | plan taken | re-plan when the machine is back (p50 / p99) |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var machines in sizes)
        {
            var scenario = PlantReplanScenario.Create(seed: 7, machines, operations: machines * 4 / 5);
            var policy = ReplanPolicy.RestartElsewhere with
            {
                Slack = 900, Planning = ConstructiveOptions.Replan with { TimeLimit = TimeSpan.FromMilliseconds(10) }, HoldMargin = 120,
            };
            var (failed, _) = Replanner.PrepareFailure(scenario.Problem, scenario.Plan, scenario.Failure, policy);
            var replan = Time(runs, () => Replanner.OnMachineFailure(scenario.Problem, scenario.Plan, scenario.Failure, policy));
            var planner = Time(runs, () => new ConstructivePlanner(policy.Planning).Solve(failed, scenario.Plan, policy.Slack));
            var keeping = Time(runs, () => PlanRepair.Repair(failed, scenario.Plan, scenario.Failure.MachineId, policy.Planning));
            var handing = Time(runs, () => PlanRepair.Repair(failed, scenario.Plan, scenario.Failure.MachineId, policy.Planning, slack: policy.Slack));
            var taken = Replanner.OnMachineFailure(scenario.Problem, scenario.Plan, scenario.Failure, policy);
            // Capacity back (a machine returned, a worker clocked in): the host lets every operation not started choose again.
            var back = Time(runs, () => Replanner.Replan(scenario.Problem, taken.Plan!, scenario.Failure.At + 60, keepAssignments: false, policy.Slack, policy.Planning, policy.HoldMargin));
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {machines} | {scenario.Problem.Workers.Count} | {scenario.Problem.OperationCount} | {P(replan, 50):0.0} / {P(replan, 99):0.0} ms | {P(planner, 50):0.0} / {P(planner, 99):0.0} ms | {P(keeping, 50):0.0} ms | {P(handing, 50):0.0} ms | {taken.Moves.Count} moves | {P(back, 50):0.0} / {P(back, 99):0.0} ms |");
            md.AppendLine(row);
            Console.WriteLine(row);
            foreach (var budget in choices)
            {
                var optimized = await OptimizeAsync(taken, scenario.Failure.At, budget);
                optimizerRows.Add($"| {machines} | {budget:N0} | {optimized} |");
                Console.WriteLine(optimizerRows[^1]);
            }
        }

        if (optimizerRows.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| machines | choice budget | weighted tardiness / makespan: re-plan → CP-SAT | CP-SAT status | wall time | peak memory it added |");
            md.AppendLine("|---|---:|---|---|---:|---:|");
            optimizerRows.ForEach(r => md.AppendLine(r));
        }

        var results = Path.Combine(RunPaths.Results(), "plant-replan.md");
        await File.AppendAllTextAsync(results, md + Environment.NewLine);
        Console.WriteLine(md);
        return 0;
    }

    /// <summary>The host's optimizer run on the re-plan, as the dispatcher starts it: its result and the peak memory it added.</summary>
    private static async Task<string> OptimizeAsync(ReplanResult replan, long failedAt, int budget)
    {
        var hint = replan.Plan!;
        // What starts before the optimizer can answer (its 2 s) is frozen.
        var problem = Replanner.FreezeStarted(replan.Problem, hint, failedAt + 3, null);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        // Resets the process's peak resident set (VmHWM), so the peak read after the solve is this solve's.
        await File.WriteAllTextAsync("/proc/self/clear_refs", "5");
        var before = ProcessFigures.RssBytes(Environment.ProcessId);
        var result = await new CpSatSolver().SolveAsync(problem, new SolveOptions(TimeSpan.FromSeconds(2), Seed: 0, Hint: hint, Workers: 2, MaxChoices: budget));
        var added = (ProcessFigures.StatusBytes(Environment.ProcessId, "VmHWM:") - before) / (1024.0 * 1024);
        static string Figures(ObjectiveValues v) => string.Create(CultureInfo.InvariantCulture, $"{v.WeightedTardiness:N0} / {v.Makespan:N0} s");
        var to = result.Plan is { } plan ? Figures(ObjectiveValues.Of(problem, plan)) : "no plan";
        return string.Create(CultureInfo.InvariantCulture, $"{Figures(ObjectiveValues.Of(problem, hint))} → {to} | {result.Status} | {result.Elapsed.TotalSeconds:0.0} s | {added:0} MiB");
    }

    private static double P(List<double> values, double percentile) => Percentiles.Of(values, percentile);

    private static List<double> Time(int runs, Action run)
    {
        for (var i = 0; i < 3; i++)
        {
            run();
        }

        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            run();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return times;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
