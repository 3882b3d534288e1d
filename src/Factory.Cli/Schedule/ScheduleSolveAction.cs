using System.Globalization;
using System.Text.Json;
using Factory.Scheduling.Instances;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Solvers;

/// <summary>Runs <c>factory schedule solve</c>: read, apply breakdowns, solve, check, report.</summary>
internal static class ScheduleSolveAction
{
    public static async Task<int> RunAsync(ScheduleSolveRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        SchedulingProblem problem;
        try
        {
            if (!request.Instance.Exists)
            {
                throw new FormatException($"instance file '{request.Instance.FullName}' does not exist");
            }

            if (request.Workers is < 0 or > 64)
            {
                throw new FormatException("--workers must be between 0 and 64");
            }

            if (request.TimeLimitSeconds is <= 0 or > 86_400 || double.IsNaN(request.TimeLimitSeconds))
            {
                throw new FormatException("--time-limit must be a number of seconds between 0 and 86400");
            }

            problem = request.Format == "fjsp" ? FjspReader.Read(request.Instance.FullName) : JsplibReader.Read(request.Instance.FullName);
            foreach (var text in request.Breakdowns)
            {
                var (machine, window) = ParseBreakdown(text, problem);
                problem = problem.WithUnavailability(machine, window);
            }
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            await error.WriteLineAsync("error: " + e.Message);
            return 1;
        }

        IScheduleSolver solver = request.Solver == "greedy" ? new GreedyDispatcher() : new CpSatSolver();
        var options = new SolveOptions(
            TimeSpan.FromSeconds(request.TimeLimitSeconds),
            Seed: request.Seed ?? 0,
            Deterministic: request.Seed is not null,
            Workers: request.Workers,
            CpSatParameters: request.CpSatParameters);
        var result = await solver.SolveAsync(problem, options, cancellationToken);
        if (result.Plan is null)
        {
            await error.WriteLineAsync($"error: no plan ({result.Status}): {result.Message}");
            return 2;
        }

        var violations = PlanChecker.Check(problem, result.Plan);
        var solveMs = (long)result.Elapsed.TotalMilliseconds;
        if (request.Json)
        {
            var payload = new Dictionary<string, object>
            {
                ["makespan"] = result.Plan.Makespan,
                ["optimal"] = result.IsOptimal,
                ["solveMs"] = solveMs,
                ["valid"] = violations.Count == 0,
            };
            await output.WriteLineAsync(JsonSerializer.Serialize(payload));
        }
        else
        {
            await output.WriteLineAsync($"makespan: {result.Plan.Makespan.ToString(CultureInfo.InvariantCulture)}");
            await output.WriteLineAsync($"optimal: {(result.IsOptimal ? "yes (proven)" : "not proven")}");
            if (result.LowerBound is { } bound && !result.IsOptimal)
            {
                await output.WriteLineAsync($"lower bound: {bound.ToString(CultureInfo.InvariantCulture)}");
            }

            await output.WriteLineAsync($"solve time: {solveMs.ToString(CultureInfo.InvariantCulture)} ms");
            await output.WriteLineAsync($"valid: {(violations.Count == 0 ? "yes" : "NO")}");
        }

        foreach (var v in violations.Take(20))
        {
            await error.WriteLineAsync("violation: " + v);
        }

        return violations.Count == 0 ? 0 : 3;
    }

    private static (string Machine, TimeWindow Window) ParseBreakdown(string text, SchedulingProblem problem)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var dash = colon < 0 ? -1 : text.IndexOf('-', colon + 1);
        if (colon <= 0 || dash < 0
            || !int.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var machine)
            || !long.TryParse(text.AsSpan(colon + 1, dash - colon - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var from)
            || !long.TryParse(text.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var to))
        {
            throw new FormatException($"--breakdown '{text}' must look like MACHINE:FROM-TO, e.g. 2:10-50");
        }

        if (machine >= problem.Machines.Count)
        {
            throw new FormatException($"--breakdown '{text}': machine {machine} does not exist (the instance has machines 0 to {problem.Machines.Count - 1})");
        }

        if (to <= from)
        {
            throw new FormatException($"--breakdown '{text}': TO must be greater than FROM");
        }

        return (machine.ToString(CultureInfo.InvariantCulture), new TimeWindow(from, to));
    }
}
