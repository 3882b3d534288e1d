namespace Factory.Scheduling.Model;

/// <summary>One step of a job.</summary>
/// <param name="Id">Unique operation id across the whole problem.</param>
/// <param name="Alternatives">The machines the operation may run on, with a duration each.</param>
/// <param name="Skill">Skill a worker must hold to run it; null means no worker is needed.</param>
/// <param name="MinLevel">Minimum skill level (ignored when <paramref name="Skill"/> is null).</param>
public sealed record JobOperation(
    string Id,
    IReadOnlyList<OperationAlternative> Alternatives,
    string? Skill = null,
    int MinLevel = 0)
{
    /// <summary>True when a qualified worker must be assigned.</summary>
    public bool NeedsWorker => Skill is not null;
}
