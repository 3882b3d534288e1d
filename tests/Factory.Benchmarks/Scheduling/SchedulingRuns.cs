namespace Factory.Benchmarks.Scheduling;

/// <summary>The scheduling load runs, chosen by the first argument before BenchmarkDotNet's switcher sees it.</summary>
public static class SchedulingRuns
{
    public static Task<int>? TryStart(string[] args) => args.FirstOrDefault() switch
    {
        "schedule-gaps" => GapRun.RunAsync(args[1..]),
        "schedule-gaps-summary" => GapSummary.WriteAsync(Path.Combine(RunPaths.Results(), "gaps.csv"), Path.Combine(RunPaths.Results(), "gaps.md")).ContinueWith(_ => 0, TaskScheduler.Default),
        "schedule-replan" => ReplanRun.RunAsync(args[1..]),
        "schedule-breakdown" => BreakdownRun.RunAsync(args[1..]),
        "schedule-scenario" => ScenarioRun.RunAsync(args[1..]),
        "schedule-plant" => PlantReplanRun.RunAsync(args[1..]),
        _ => null,
    };
}
