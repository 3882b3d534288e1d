using Factory.Scheduling.Model;

namespace Factory.Scheduling.Solvers;

/// <summary>Builds a plan for a scheduling problem.</summary>
public interface IScheduleSolver
{
    /// <summary>
    /// Solves <paramref name="problem"/>. Never throws for an infeasible problem: the result says so.
    /// Throws <see cref="ArgumentException"/> for a malformed problem.
    /// </summary>
    Task<SolveResult> SolveAsync(SchedulingProblem problem, SolveOptions options, CancellationToken cancellationToken = default);
}
