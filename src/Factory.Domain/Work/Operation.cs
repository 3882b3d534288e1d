namespace Factory.Domain.Work;

/// <summary>One step of a work order.</summary>
/// <param name="Sequence">Position in the work order (1-based, strictly increasing).</param>
/// <param name="Capability">What a machine must be able to do to run it.</param>
/// <param name="Skill">What the worker must hold (with a valid certification); null when no one is needed.</param>
/// <param name="MinSkillLevel">Lowest accepted level of <paramref name="Skill"/>.</param>
/// <param name="StandardDuration">Planned duration of the whole quantity on a typical machine.</param>
/// <param name="AllowedMachines">When not empty, the only machines it may run on.</param>
public sealed record Operation(
    int Sequence,
    string Name,
    string Capability,
    string? Skill,
    int MinSkillLevel,
    TimeSpan StandardDuration,
    ImmutableArray<string> AllowedMachines,
    Assignment? Assignment = null,
    OperationStatus Status = OperationStatus.Pending)
{
    /// <summary>What the machine runs it with (PLC program or recipe), written to the PLC with the job; null for none.</summary>
    public string? Program { get; init; }

    /// <summary>The work instructions shown at the machine's station (text, as free text at most 2,000 characters: more belongs behind <see cref="InstructionsUrl"/>); null for none.</summary>
    public string? Instructions { get; init; }

    /// <summary>A link to the full work instructions (drawing, procedure, video), http or https; null for none.</summary>
    public string? InstructionsUrl { get; init; }

    /// <summary>Its runs on machines, oldest first (empty until it is first released).</summary>
    public ImmutableArray<OperationRun> Runs { get; init; } = [];

    /// <summary>When its predecessors were done (null while Pending).</summary>
    public DateTimeOffset? ReadyAt { get; init; }

    /// <summary>When it completed or was cancelled.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why a person completed it short, or why it was cancelled.</summary>
    public string? Note { get; init; }

    /// <summary>Good parts made over all runs.</summary>
    public long Good => Runs.IsDefault ? 0 : Runs.Sum(r => r.Good);

    /// <summary>Scrap made over all runs.</summary>
    public long Scrap => Runs.IsDefault ? 0 : Runs.Sum(r => r.Scrap);

    /// <summary>The run under way (released or running), or null.</summary>
    public OperationRun? OpenRun => Runs.IsDefaultOrEmpty || !Runs[^1].IsOpen ? null : Runs[^1];

    /// <summary>Completed or cancelled: nothing more happens to it.</summary>
    public bool IsFinished => Status is OperationStatus.Completed or OperationStatus.Cancelled;

    /// <summary>Released or running on a machine.</summary>
    public bool IsOnMachine => Status is OperationStatus.Released or OperationStatus.Running;

    /// <summary>When it first began producing, over all runs.</summary>
    public DateTimeOffset? StartedAt => Runs.IsDefault ? null : Runs.Select(r => r.StartedAt).FirstOrDefault(s => s is not null);

    /// <summary>Whether a machine with these capabilities may run this operation.</summary>
    public bool MayRunOn(string machineId, IEnumerable<string> machineCapabilities) =>
        (AllowedMachines.IsDefaultOrEmpty || AllowedMachines.Contains(machineId, StringComparer.OrdinalIgnoreCase)) &&
        machineCapabilities.Contains(Capability, StringComparer.OrdinalIgnoreCase);
}
