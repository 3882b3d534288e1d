namespace Factory.Scheduling.Solvers;

/// <summary>How much the <see cref="ConstructivePlanner"/> may search after its priority rules.</summary>
/// <param name="SearchWork">
/// Budget of the critical-path local search in operation placements (one evaluated neighbour of a plan with n free
/// operations costs n). It does not depend on the clock, so the same problem gets the same plan on any machine.
/// 0 turns the search off.
/// </param>
/// <param name="TimeLimit">
/// Optional wall-time cap on the local search, measured with the planner's <see cref="TimeProvider"/>; zero means none.
/// The priority rules always run to the end.
/// </param>
/// <param name="AllRules">
/// Try every priority rule. When false only the dispatcher's own rule (with and without slack) and insertion build
/// candidates: a re-plan starts from a plan in force, most of which it keeps, so the other rules rarely win there and
/// their time is better left to the search.
/// </param>
public sealed record ConstructiveOptions(long SearchWork = 300_000, TimeSpan TimeLimit = default, bool AllRules = true)
{
    /// <summary>The default budget: every rule, then 300,000 placements (a few hundred neighbours of a 1,000-operation plan), no time cap.</summary>
    public static ConstructiveOptions Default { get; } = new();

    /// <summary>What re-plans use unless told otherwise: the dispatcher's rule and insertion, then 30,000 placements (a few dozen neighbours of a 1,000-operation plan).</summary>
    public static ConstructiveOptions Replan { get; } = new(30_000, AllRules: false);
}
