using Factory.Scheduling.Model;
using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>
/// The baseline that common MES/ERP finite loading uses: work orders are loaded one after another, most important first
/// (priority, then due date, then release, then the order they were given in), and each operation is booked into the first
/// free slot after its predecessor on the eligible machine (with a qualified, certified, on-shift worker) that finishes it
/// earliest. What is booked is never moved again. Kept as its own solver to measure the constructive planner against.
/// </summary>
public sealed class InsertionScheduler : IScheduleSolver
{
    private readonly TimeProvider _time;

    /// <summary>Creates a scheduler that measures elapsed time with <paramref name="time"/> (system clock by default).</summary>
    public InsertionScheduler(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<SolveResult> SolveAsync(SchedulingProblem problem, SolveOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Solve(problem));
    }

    /// <summary>Builds the plan synchronously.</summary>
    public SolveResult Solve(SchedulingProblem problem)
    {
        var started = _time.GetTimestamp();
        var placement = MaintenancePlacement.Of(problem);
        problem = placement.Problem;
        var index = new ProblemIndex(problem);
        var plan = Run(index, null, out var failure);
        var elapsed = _time.GetElapsedTime(started);
        return plan is null
            ? new SolveResult(SolveStatus.Infeasible, null, null, null, elapsed, failure)
            : new SolveResult(SolveStatus.Feasible, placement.Carry(plan), ObjectiveValues.Of(problem, plan), null, elapsed);
    }

    /// <summary>One insertion pass; ties between equal slots go to each operation's machine and worker in <paramref name="previous"/>.</summary>
    internal static SchedulePlan? Run(ProblemIndex index, IReadOnlyDictionary<string, ScheduledOperation>? previous, out string? failure) =>
        new DispatchRun(index, null, previous).ExecuteInOrder(LoadingOrder(index.Problem), out failure);

    /// <summary>Higher priority first, then earlier due date (none last), then earlier release, then the given order.</summary>
    private static IEnumerable<int> LoadingOrder(SchedulingProblem problem) =>
        Enumerable.Range(0, problem.Jobs.Count)
            .OrderByDescending(j => problem.Jobs[j].Weight)
            .ThenBy(j => problem.Jobs[j].Due ?? long.MaxValue)
            .ThenBy(j => problem.Jobs[j].Release)
            .ThenBy(j => j);
}
