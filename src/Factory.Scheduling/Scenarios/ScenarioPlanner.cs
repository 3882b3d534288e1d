using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Factory.Scheduling.Replanning;
using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Scenarios;

/// <summary>
/// Plans a what-if: the scenario applied to a copy of the live problem (started work frozen at <c>now</c>), the constructive
/// plan at once, then CP-SAT warm-started from it within its budget; the result compared with the live plan. Nothing of
/// the inputs is changed.
/// </summary>
public static class ScenarioPlanner
{
    /// <summary>
    /// Plans <paramref name="scenario"/> on <paramref name="problem"/> (the live problem) against <paramref name="live"/> (the live plan) at
    /// <paramref name="now"/>. <paramref name="optimizer"/> null or a zero time limit: the constructive plan only.
    /// Throws <see cref="ArgumentException"/> when the scenario does not fit the problem.
    /// </summary>
    public static async Task<ScenarioResult> PlanAsync(
        SchedulingProblem problem,
        SchedulePlan live,
        Scenario scenario,
        long now,
        SolveOptions? optimizer,
        long slack = 0,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var clock = time ?? TimeProvider.System;
        var started = clock.GetTimestamp();
        var liveProblem = Replanner.FreezeStarted(problem, live, now, null);
        var changed = scenario.Apply(liveProblem);
        var constructive = new ConstructivePlanner(ConstructiveOptions.Default, clock).Solve(changed, live, slack);
        if (constructive.Plan is not { } plan)
        {
            return new ScenarioResult(changed, constructive, null, clock.GetElapsedTime(started), "constructive");
        }

        var result = constructive;
        var solver = "constructive";
        if (optimizer is { } options && options.TimeLimit > TimeSpan.Zero && changed.OperationCount > changed.Frozen.Count)
        {
            var improved = await new CpSatSolver(clock).SolveAsync(changed, options with { Hint = plan }, cancellationToken).ConfigureAwait(false);
            if (improved.Plan is not null && improved.Objective!.IsBetterThan(constructive.Objective!, changed.Objective))
            {
                (result, solver) = (improved, improved.IsOptimal ? "cp-sat (optimal)" : "cp-sat");
            }
        }

        var comparison = ScenarioComparison.Compare(liveProblem, Known(live, liveProblem), changed, result.Plan!);
        return new ScenarioResult(changed, result, comparison, clock.GetElapsedTime(started), solver);
    }

    private static SchedulePlan Known(SchedulePlan plan, SchedulingProblem problem)
    {
        var ids = problem.Jobs.SelectMany(j => j.Operations).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
        return new SchedulePlan([.. plan.Operations.Where(o => ids.Contains(o.OperationId))]);
    }
}
