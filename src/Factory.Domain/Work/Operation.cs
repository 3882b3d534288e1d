namespace Factory.Domain.Work;

/// <summary>One step of a work order.</summary>
/// <param name="Sequence">Position in the work order (1-based, strictly increasing).</param>
/// <param name="Capability">What a machine must be able to do to run it.</param>
/// <param name="Skill">What the worker must hold (with a valid certification); null when no one is needed.</param>
/// <param name="MinSkillLevel">Lowest accepted level of <paramref name="Skill"/>.</param>
/// <param name="StandardDuration">Planned duration on a typical machine.</param>
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
    /// <summary>Whether a machine with these capabilities may run this operation.</summary>
    public bool MayRunOn(string machineId, IEnumerable<string> machineCapabilities) =>
        (AllowedMachines.IsDefaultOrEmpty || AllowedMachines.Contains(machineId, StringComparer.OrdinalIgnoreCase)) &&
        machineCapabilities.Contains(Capability, StringComparer.OrdinalIgnoreCase);
}
