using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// The plan Factory applies within milliseconds: several priority rules of the constructive dispatcher (its own
/// urgency rule, most work remaining, most operations remaining, shortest operation, earliest due date) and first-free-slot
/// insertion (<see cref="InsertionScheduler"/>) each build a plan, the best is kept (ties go to the earlier of that list,
/// which keeps most of the plan in force), then a short local search on its critical path improves it
/// (<see cref="ConstructiveOptions"/>). Because insertion is one of the candidates and the search only accepts
/// improvements, the plan is never worse than insertion.
/// </summary>
public sealed class ConstructivePlanner : IScheduleSolver
{
    private static readonly DispatchRule[] OtherRules =
        [DispatchRule.WorkRemaining, DispatchRule.OperationsRemaining, DispatchRule.ShortestOperation, DispatchRule.EarliestDue];

    /// <summary>How many of the best candidates the local search starts from.</summary>
    private const int SearchStarts = 3;

    private readonly ConstructiveOptions _options;
    private readonly TimeProvider _time;

    /// <summary>Creates a planner with <paramref name="options"/> (default budget) that measures time with <paramref name="time"/>.</summary>
    public ConstructivePlanner(ConstructiveOptions? options = null, TimeProvider? time = null)
    {
        _options = options ?? ConstructiveOptions.Default;
        _time = time ?? TimeProvider.System;
    }

    /// <inheritdoc />
    public Task<SolveResult> SolveAsync(SchedulingProblem problem, SolveOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Solve(problem));
    }

    /// <summary>Builds a plan synchronously.</summary>
    public SolveResult Solve(SchedulingProblem problem) => Solve(problem, null);

    /// <summary>
    /// Builds a plan, breaking ties towards the machine and worker each operation has in <paramref name="previous"/>; with a
    /// positive <paramref name="slack"/> the dispatcher's plan that keeps them when they finish at most that much later is
    /// a candidate too (and preferred when no worse), as in <see cref="GreedyDispatcher.Solve(SchedulingProblem, SchedulePlan?, long)"/>.
    /// </summary>
    public SolveResult Solve(SchedulingProblem problem, SchedulePlan? previous, long slack = 0)
    {
        var started = _time.GetTimestamp();
        var placement = MaintenancePlacement.Of(problem);
        problem = placement.Problem;
        var index = new ProblemIndex(problem);
        var before = previous?.ByOperation();
        string? failure = null;
        var candidates = new List<(SchedulePlan Plan, ObjectiveValues Values)>();

        void Consider(SchedulePlan? plan, string? why)
        {
            if (plan is null)
            {
                failure ??= why;
                return;
            }

            candidates.Add((plan, ObjectiveValues.Of(problem, plan)));
        }

        if (slack > 0 && before is not null)
        {
            Consider(new DispatchRun(index, null, before, slack).Execute(out var f), f);
        }

        Consider(new DispatchRun(index, null, before).Execute(out var plain), plain);
        var anyDue = problem.Jobs.Any(j => j.Due is not null);
        foreach (var rule in _options.AllRules ? OtherRules : [])
        {
            // Without tardiness the dispatcher's own rule is most work remaining already; without due dates EDD is the same too.
            if ((rule == DispatchRule.WorkRemaining && problem.Objective != ObjectiveKind.WeightedTardinessThenMakespan) ||
                (rule == DispatchRule.EarliestDue && !anyDue))
            {
                continue;
            }

            Consider(new DispatchRun(index, null, before, 0, rule).Execute(out var f), f);
        }

        Consider(InsertionScheduler.Run(index, before, out var inserted), inserted);
        if (candidates.Count == 0)
        {
            return new SolveResult(SolveStatus.Infeasible, null, null, null, _time.GetElapsedTime(started), failure);
        }

        // Best first; the stable sort keeps the earlier candidate of equals (the one closest to the plan in force).
        var ranked = candidates.Select((c, i) => (c.Plan, c.Values, i)).OrderBy(c => c.Values, Comparer(problem.Objective)).ThenBy(c => c.i).ToList();
        var (best, bestValues) = (ranked[0].Plan, ranked[0].Values);
        if (_options.SearchWork > 0 && problem.OperationCount > problem.Frozen.Count)
        {
            // The best few rules' plans each get the same share of the budget: different starts reach different optima, and a
            // start's result does not depend on which other candidates there were (so adding the slack plan as a candidate
            // can only make the result better).
            var searchStarted = _time.GetTimestamp();
            var limit = _options.TimeLimit;
            bool Expired() => limit > TimeSpan.Zero && _time.GetElapsedTime(searchStarted) >= limit;
            var search = new CriticalPathSearch(index);
            var share = _options.SearchWork / SearchStarts;
            foreach (var start in ranked.Select(c => c.Plan).Distinct().Take(SearchStarts))
            {
                if (Expired())
                {
                    break;
                }

                long spent = 0;
                var improved = search.Improve(start, share, Expired, ref spent);
                var values = ObjectiveValues.Of(problem, improved);
                if (values.IsBetterThan(bestValues, problem.Objective))
                {
                    (best, bestValues) = (improved, values);
                }
            }
        }

        return new SolveResult(SolveStatus.Feasible, placement.Carry(best), bestValues, null, _time.GetElapsedTime(started));
    }

    private static Comparer<ObjectiveValues> Comparer(ObjectiveKind objective) => objective == ObjectiveKind.Makespan
        ? Comparer<ObjectiveValues>.Create((a, b) => a.Makespan.CompareTo(b.Makespan))
        : Comparer<ObjectiveValues>.Create((a, b) => a.CompareTo(b));
}
