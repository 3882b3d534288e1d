using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// Constructive dispatcher: repeatedly takes the operation that can finish earliest, lets more urgent
/// operations competing for the same machine go first (weighted slack against due dates, then most work
/// remaining), and books it on the machine and qualified worker that finish it earliest, filling gaps
/// between unavailability windows, shifts and booked work. Answers in milliseconds for thousands of operations.
/// </summary>
public sealed class GreedyDispatcher : IScheduleSolver
{
    private readonly TimeProvider _time;

    /// <summary>Creates a dispatcher that measures elapsed time with <paramref name="time"/> (system clock by default).</summary>
    public GreedyDispatcher(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<SolveResult> SolveAsync(SchedulingProblem problem, SolveOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Solve(problem));
    }

    /// <summary>
    /// The best of one plain run and <paramref name="restarts"/> randomised runs (seeded by <paramref name="seed"/>,
    /// so the result is reproducible): a better warm start for an improving solver.
    /// </summary>
    public SolveResult SolveMultiStart(SchedulingProblem problem, int restarts, int seed)
    {
        var started = _time.GetTimestamp();
        var placement = MaintenancePlacement.Of(problem);
        problem = placement.Problem;
        var index = new ProblemIndex(problem);
        var plan = new DispatchRun(index).Execute(out var failure);
        if (plan is null)
        {
            return new SolveResult(SolveStatus.Infeasible, null, null, null, _time.GetElapsedTime(started), failure);
        }

        var best = ObjectiveValues.Of(problem, plan);
        var random = new Random(seed);
        for (var i = 0; i < restarts; i++)
        {
            var candidate = new DispatchRun(index, random).Execute(out _);
            if (candidate is not null && ObjectiveValues.Of(problem, candidate) is var values && values.IsBetterThan(best, problem.Objective))
            {
                (plan, best) = (candidate, values);
            }
        }

        return new SolveResult(SolveStatus.Feasible, placement.Carry(plan), best, null, _time.GetElapsedTime(started));
    }

    /// <summary>Builds a plan synchronously.</summary>
    public SolveResult Solve(SchedulingProblem problem) => Solve(problem, null);

    /// <summary>
    /// Builds a plan, breaking ties towards the machine and worker each operation has in <paramref name="previous"/>, and
    /// keeping them when they finish the operation at most <paramref name="slack"/> later than the earliest choice.
    /// </summary>
    public SolveResult Solve(SchedulingProblem problem, SchedulePlan? previous, long slack = 0)
    {
        var started = _time.GetTimestamp();
        var placement = MaintenancePlacement.Of(problem);
        problem = placement.Problem;
        var run = new DispatchRun(new ProblemIndex(problem), null, previous?.ByOperation(), slack);
        var plan = run.Execute(out var failure);
        var elapsed = _time.GetElapsedTime(started);
        return plan is null
            ? new SolveResult(SolveStatus.Infeasible, null, null, null, elapsed, failure)
            : new SolveResult(SolveStatus.Feasible, placement.Carry(plan), ObjectiveValues.Of(problem, plan), null, elapsed);
    }
}
