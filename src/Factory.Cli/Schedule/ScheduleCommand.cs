using System.CommandLine;

/// <summary>The <c>factory schedule</c> command area: solve benchmark instances with the factory's solvers.</summary>
internal static class ScheduleCommand
{
    /// <summary>Builds <c>schedule</c> with its <c>solve</c> subcommand.</summary>
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "Instance format: jsplib (job shop) or fjsp (flexible job shop, Brandimarte/Hurink)",
            Required = true,
        };
        format.AcceptOnlyFromAmong("jsplib", "fjsp");
        var instance = new Option<FileInfo>("--instance")
        {
            Description = "Path of the instance file",
            Required = true,
        };
        var solver = new Option<string>("--solver")
        {
            Description = "greedy (constructive dispatcher) or cpsat (OR-Tools CP-SAT, warm-started from greedy)",
            DefaultValueFactory = _ => "cpsat",
        };
        solver.AcceptOnlyFromAmong("greedy", "cpsat");
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "CP-SAT time limit in seconds",
            DefaultValueFactory = _ => 10,
        };
        var seed = new Option<int?>("--seed")
        {
            Description = "Random seed; when given, CP-SAT runs its deterministic search (same seed, same plan)",
        };
        var breakdown = new Option<string[]>("--breakdown")
        {
            Description = "Make a machine unavailable in [FROM, TO): MACHINE:FROM-TO (machines numbered from 0); repeatable",
            AllowMultipleArgumentsPerToken = true,
        };
        var workers = new Option<int>("--workers")
        {
            Description = "CP-SAT search threads (0: one per processor)",
            DefaultValueFactory = _ => 0,
        };
        var cpsatParameters = new Option<string?>("--cpsat-parameters")
        {
            Description = "Extra CP-SAT parameters in protobuf text format, for tuning (e.g. \"num_full_subsolvers:1\")",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object {makespan, optimal, solveMs, valid}",
        };

        var solve = new Command("solve", "Solve a benchmark instance, check the plan, print the makespan, optimality and solve time")
        {
            format, instance, solver, timeLimit, seed, breakdown, workers, cpsatParameters, json,
        };
        solve.SetAction((parse, cancellationToken) => ScheduleSolveAction.RunAsync(
            new ScheduleSolveRequest(
                parse.GetValue(format)!,
                parse.GetValue(instance)!,
                parse.GetValue(solver) ?? "cpsat",
                parse.GetValue(timeLimit),
                parse.GetValue(seed),
                parse.GetValue(breakdown) ?? [],
                parse.GetValue(workers),
                parse.GetValue(cpsatParameters),
                parse.GetValue(json)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            cancellationToken));

        return new Command("schedule", "Production scheduling: solve flexible job-shop instances") { solve };
    }
}
