using System.Diagnostics;
using System.Globalization;
using System.Text;
using Factory.Benchmarks.Dashboard;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Benchmarks.Scheduling;

/// <summary>
/// The dispatcher's re-plan after a machine failure on generated plants of the scale run's shape (<see cref="PlantReplanScenario"/>),
/// with the host's policy, and its parts one by one: the constructive planner (all its rules and its 10 ms search), the two
/// repairs of the plan in force. <c>dotnet run -c Release --project tests/Factory.Benchmarks -- schedule-plant
/// [--sizes 100,1000,5000] [--runs 30]</c>; appends to <c>Scheduling/results/plant-replan.md</c>.
/// </summary>
internal static class PlantReplanRun
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (Option(args, "--sizes") ?? "100,1000,5000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = int.Parse(Option(args, "--runs") ?? "30", CultureInfo.InvariantCulture);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"## schedule-plant, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{Environment.ProcessorCount} cores, load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} at the start; {runs} runs per size after 3 to warm up; the host's policy (slack 15 min, search 10 ms, margin 2 min).");
        md.AppendLine();
        md.AppendLine("| machines | workers | operations | re-plan after a failure (p50 / p99) | constructive planner (p50 / p99) | repair keeping everybody (p50) | repair with slack (p50) | plan taken |");
        md.AppendLine("|---|---|---|---|---|---|---|---|");
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
            var row = string.Create(CultureInfo.InvariantCulture,
                $"| {machines} | {scenario.Problem.Workers.Count} | {scenario.Problem.OperationCount} | {P(replan, 50):0.0} / {P(replan, 99):0.0} ms | {P(planner, 50):0.0} / {P(planner, 99):0.0} ms | {P(keeping, 50):0.0} ms | {P(handing, 50):0.0} ms | {taken.Moves.Count} moves |");
            md.AppendLine(row);
            Console.WriteLine(row);
        }

        var results = Path.Combine(RunPaths.Results(), "plant-replan.md");
        await File.AppendAllTextAsync(results, md + Environment.NewLine);
        Console.WriteLine(md);
        return 0;
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
