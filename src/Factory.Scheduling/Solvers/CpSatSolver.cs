using System.Globalization;
using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;
using Google.OrTools.Sat;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// Improving solver on OR-Tools CP-SAT: one interval per operation and per machine alternative (optional),
/// a worker choice per skilled operation (optional intervals), no-overlap per machine and per worker, with
/// unavailability windows and off-shift time as fixed intervals. Warm-starts from <see cref="SolveOptions.Hint"/>
/// or, without one, from the <see cref="GreedyDispatcher"/> plan, which it also returns if it finds nothing better in time.
/// </summary>
public sealed class CpSatSolver : IScheduleSolver
{
    private readonly TimeProvider _time;

    /// <summary>Creates a solver that measures elapsed time with <paramref name="time"/> (system clock by default).</summary>
    public CpSatSolver(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<SolveResult> SolveAsync(SchedulingProblem problem, SolveOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(options);
        // The first-fit placement of maintenance gives the warm start; the model then places again every task it
        // could place (those it could not stay unplanned, with the reason).
        var placement = MaintenancePlacement.Of(problem);
        var placed = placement.Placed.Select(p => p.TaskId).ToHashSet(StringComparer.Ordinal);
        var index = new ProblemIndex(problem with { MaintenanceTasks = [.. problem.MaintenanceTasks.Where(t => placed.Contains(t.Id))] });
        return Task.Run(() => Solve(index, placement, options, cancellationToken), CancellationToken.None);
    }

    private SolveResult Solve(ProblemIndex index, MaintenancePlacement placement, SolveOptions options, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var problem = index.Problem;
        var fallback = FallbackPlan(placement.Problem, options) is { } found ? placement.Carry(found) : null;
        // A search cancelled before it starts (superseded while the warm start or the model was built) builds nothing more:
        // on a large site the model alone is hundreds of milliseconds of both cores.
        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(fallback, problem, started);
        }

        // A hint that already places maintenance (the plan in force) keeps its slots; else the first-fit ones.
        var hint = options.Hint is { } given ? (given.Maintenance.Count > 0 ? given : placement.Carry(given)) : fallback;
        var model = new CpSatModel(index, hint, fallback, options.MaxChoices) { Unplanned = placement.Unplanned };
        if (cancellationToken.IsCancellationRequested)
        {
            return Cancelled(fallback, problem, started);
        }

        if (model.Infeasibility is { } reason)
        {
            return new SolveResult(SolveStatus.Infeasible, null, null, null, _time.GetElapsedTime(started), reason);
        }

        // The warm start and the model count against the wall-clock limit (but leave the search at least a tenth of it).
        var remaining = options.TimeLimit - _time.GetElapsedTime(started);
        var searchLimit = remaining > options.TimeLimit / 10 ? remaining : options.TimeLimit / 10;
        var solver = new CpSolver
        {
            // Probing in presolve can take seconds of wall time on models with many worker choices, for little gain.
            StringParameters = Parameters(options with { TimeLimit = options.Deterministic ? options.TimeLimit : searchLimit })
                + (index.AnyWorkerNeeded ? " cp_model_probing_level:0" : "") + " " + options.CpSatParameters,
        };
        CpSolverStatus status = CpSolverStatus.Unknown;
        if (!cancellationToken.IsCancellationRequested)
        {
            // CP-SAT ignores a stop request that arrives before its search has started, so a cancellation keeps
            // asking until the solve returns.
            using var solving = new CancellationTokenSource();
            using (cancellationToken.Register(() => _ = StopUntilDone(solver, solving.Token)))
            {
                status = solver.Solve(model.Model);
                solving.Cancel();
            }
        }

        var elapsed = _time.GetElapsedTime(started);
        long? bound = status is CpSolverStatus.Optimal or CpSolverStatus.Feasible ? model.PrimaryBound(solver.BestObjectiveBound) : null;
        if (status is CpSolverStatus.Optimal or CpSolverStatus.Feasible)
        {
            var plan = model.Extract(solver);
            var values = ObjectiveValues.Of(problem, plan);
            var fallbackValues = fallback is null ? null : ObjectiveValues.Of(problem, fallback);
            if (fallbackValues is not null && fallbackValues.IsBetterThan(values, model.EffectiveObjective))
            {
                return new SolveResult(SolveStatus.Feasible, fallback, fallbackValues, bound, elapsed, "CP-SAT did not improve on the warm-start plan");
            }

            if (model.ChoicesPerOperation is { } kept)
            {
                // Optimal among the choices kept, not among all: neither the status nor the bound speaks for the whole problem.
                return new SolveResult(SolveStatus.Feasible, plan, values, null, elapsed,
                    $"each operation kept at most {kept} machines and {kept} workers, near the warm-start plan (the model's choice budget)");
            }

            return new SolveResult(status == CpSolverStatus.Optimal ? SolveStatus.Optimal : SolveStatus.Feasible, plan, values, bound, elapsed);
        }

        if (status == CpSolverStatus.Infeasible)
        {
            return new SolveResult(SolveStatus.Infeasible, null, null, null, elapsed, "CP-SAT proved that no plan satisfies all constraints");
        }

        if (status == CpSolverStatus.ModelInvalid)
        {
            throw new InvalidOperationException("CP-SAT rejected the model: " + model.Model.Validate());
        }

        return fallback is null
            ? new SolveResult(SolveStatus.Unknown, null, null, null, elapsed, "no plan found within the time limit")
            : new SolveResult(SolveStatus.Feasible, fallback, ObjectiveValues.Of(problem, fallback), null, elapsed, "CP-SAT found no plan in time; returning the warm-start plan");
    }

    // What a search cancelled before it started answers: the warm start, as when the search finds nothing in time.
    private SolveResult Cancelled(SchedulePlan? fallback, SchedulingProblem problem, long started) => fallback is null
        ? new SolveResult(SolveStatus.Unknown, null, null, null, _time.GetElapsedTime(started), "cancelled before the search started")
        : new SolveResult(SolveStatus.Feasible, fallback, ObjectiveValues.Of(problem, fallback), null, _time.GetElapsedTime(started),
            "cancelled before the search started; returning the warm-start plan");

    private static async Task StopUntilDone(CpSolver solver, CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            solver.StopSearch();
            try
            {
                await Task.Delay(20, done).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static SchedulePlan? FallbackPlan(SchedulingProblem problem, SolveOptions options)
    {
        if (options.Hint is { } hint && PlanChecker.Check(problem, hint).Count == 0)
        {
            return hint;
        }

        // An invalid hint still guides the search (CP-SAT repairs it) but cannot serve as a bound or fallback.
        // Without a usable hint, the best of several randomised dispatches is a cheap, stronger start; the
        // number of restarts depends only on the size, so the deterministic mode stays deterministic.
        var restarts = Math.Clamp(10_000 / Math.Max(1, problem.OperationCount), 1, 50);
        return new GreedyDispatcher().SolveMultiStart(problem, restarts, options.Seed).Plan;
    }

    private static string Parameters(SolveOptions options)
    {
        var seconds = Math.Max(0.01, options.TimeLimit.TotalSeconds).ToString("0.###", CultureInfo.InvariantCulture);
        var workers = Math.Clamp(options.Workers == 0 ? Math.Max(2, Environment.ProcessorCount) : options.Workers, 1, 64).ToString(CultureInfo.InvariantCulture);
        var seed = options.Seed.ToString(CultureInfo.InvariantCulture);
        if (options.Deterministic)
        {
            // interleave_search makes the parallel search deterministic whatever the thread count; a
            // deterministic time limit keeps the stopping point independent of machine load. Deterministic
            // seconds run several times slower than wall seconds on a loaded machine, so the wall-clock
            // safety net is generous: it only exists to bound a runaway solve.
            var safety = Math.Max(10, options.TimeLimit.TotalSeconds * 60).ToString("0.###", CultureInfo.InvariantCulture);
            return $"interleave_search:true max_deterministic_time:{seconds} max_time_in_seconds:{safety} num_workers:{workers} random_seed:{seed}";
        }

        return $"max_time_in_seconds:{seconds} num_workers:{workers} random_seed:{seed}";
    }
}
