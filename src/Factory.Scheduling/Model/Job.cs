namespace Factory.Scheduling.Model;

/// <summary>A work order: operations that run strictly one after another, in list order.</summary>
/// <param name="Id">Unique job id.</param>
/// <param name="Operations">Operations in processing order.</param>
/// <param name="Release">Earliest start of the first operation.</param>
/// <param name="Due">Due date of the last operation's end; null means no due date (no tardiness).</param>
/// <param name="Weight">Priority: tardiness is multiplied by it; higher means more important (at least 1).</param>
public sealed record Job(
    string Id,
    IReadOnlyList<JobOperation> Operations,
    long Release = 0,
    long? Due = null,
    int Weight = 1);
