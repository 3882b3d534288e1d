using Factory.Domain.PackMl;

namespace Factory.Domain.Plant;

/// <summary>
/// A write the machine's PLC is due, for one job: its job tags first, then the command (one write sequence, in this order).
/// </summary>
/// <param name="JobId">The job the write is for (its outcome is recorded against it).</param>
/// <param name="What">What the write does, in words, for its error message.</param>
/// <param name="Command">The PackML command written after the job tags, or null for none.</param>
public sealed record PlcWrite(string JobId, string What, PlcJobAction Job, PackMlCommand? Command)
{
    /// <summary>The quantity written with the job's tags (what is left of the job), for <see cref="PlcJobAction.Write"/>.</summary>
    public long Quantity { get; init; }
}
