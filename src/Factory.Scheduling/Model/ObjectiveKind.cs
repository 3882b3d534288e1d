namespace Factory.Scheduling.Model;

/// <summary>What a solver minimises.</summary>
public enum ObjectiveKind
{
    /// <summary>Weighted tardiness first, then makespan (lexicographic).</summary>
    WeightedTardinessThenMakespan,

    /// <summary>Makespan only.</summary>
    Makespan,
}
