using Factory.Scheduling.Solvers;

namespace Factory.Scheduling.Scenarios;

/// <summary>A planned scenario.</summary>
/// <param name="Problem">The live problem with the scenario's changes (what the plan was checked against).</param>
/// <param name="Result">The best plan found (constructive, or CP-SAT's when better), or why there is none.</param>
/// <param name="Comparison">The plan against the live plan, or null when no plan exists.</param>
/// <param name="Elapsed">Time to the answer.</param>
/// <param name="Solver">Whose plan it is: "constructive", "cp-sat" or "cp-sat (optimal)".</param>
public sealed record ScenarioResult(Model.SchedulingProblem Problem, SolveResult Result, ScenarioComparison? Comparison, TimeSpan Elapsed, string Solver);
