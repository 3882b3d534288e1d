using Factory.Scheduling.Plans;

namespace Factory.Scheduling.Solvers;

/// <summary>How long and how a solver may search.</summary>
/// <param name="TimeLimit">Search budget for improving solvers (the dispatcher ignores it).</param>
/// <param name="Seed">Random seed; a fixed seed with <paramref name="Deterministic"/> gives the same plan on every run.</param>
/// <param name="Hint">A current plan to warm-start from (e.g. the dispatcher's or the plan in force); may be null.</param>
/// <param name="Deterministic">
/// When true CP-SAT interleaves its strategies deterministically and stops on deterministic time
/// (<see cref="TimeLimit"/> read as deterministic seconds), so the same seed gives the same plan whatever the machine load.
/// Deterministic seconds are CP-SAT's work measure and take longer than wall seconds, several times longer
/// with many workers on a busy machine. When false it runs a parallel portfolio against the wall clock
/// (the better use of a wall-clock budget, not reproducible).
/// </param>
/// <param name="Workers">
/// Search threads for CP-SAT; 0 means one per processor. More threads than cores diversify the search but
/// starve each strategy: on large models keep it at the core count.
/// </param>
/// <param name="MaxChoices">
/// The most machine and worker choices (optional intervals) the CP-SAT model may hold over all its operations; over it,
/// each operation keeps the machine and worker of <paramref name="Hint"/> and the best few others. Null for no limit.
/// Bounds the solver's memory on large sites.
/// </param>
/// <param name="CpSatParameters">Extra CP-SAT parameters in protobuf text format (e.g. "num_full_subsolvers:1"), applied last; for tuning.</param>
public sealed record SolveOptions(
    TimeSpan TimeLimit,
    int Seed = 0,
    SchedulePlan? Hint = null,
    bool Deterministic = false,
    int Workers = 0,
    string? CpSatParameters = null,
    int? MaxChoices = null)
{
    /// <summary>Two seconds, seed 0, no hint, parallel search.</summary>
    public static SolveOptions Default { get; } = new(TimeSpan.FromSeconds(2));
}
