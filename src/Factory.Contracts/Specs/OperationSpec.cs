namespace Factory.Contracts.Specs;

/// <summary>
/// One operation of a new work order. Not sealed: an <see cref="Views.OperationView"/> is its spec plus its assignment and
/// progress.
/// </summary>
/// <param name="Instructions">The work instructions shown at the station; null for none.</param>
/// <param name="InstructionsUrl">A link to the full work instructions; null for none.</param>
[GenerateSerializer, Immutable, Alias("factory.operation-spec")]
public record OperationSpec(
    [property: Id(0)] int Sequence,
    [property: Id(1)] string Name,
    [property: Id(2)] string Capability,
    [property: Id(3)] string? Skill,
    [property: Id(4)] int MinSkillLevel,
    [property: Id(5)] double StandardDurationSeconds,
    [property: Id(6)] ImmutableArray<string> AllowedMachines,
    [property: Id(7)] string? Program = null,
    [property: Id(8)] string? Instructions = null,
    [property: Id(9)] string? InstructionsUrl = null)
{
    /// <summary>For a view read back from JSON: the reader sets every property after.</summary>
    protected OperationSpec()
        : this(0, "", "", null, 0, 0, [])
    {
    }

    /// <summary>The spec an operation of an order was made from (what it is, not how far it got).</summary>
    public static OperationSpec Of(Operation o) => new(
        o.Sequence, o.Name, o.Capability, o.Skill, o.MinSkillLevel, o.StandardDuration.TotalSeconds,
        o.AllowedMachines.IsDefault ? [] : o.AllowedMachines, o.Program, o.Instructions, o.InstructionsUrl);

    /// <summary>The pending operation this spec describes.</summary>
    public Operation ToOperation() => new(
        Sequence, Name, Capability, Skill, MinSkillLevel, TimeSpan.FromSeconds(StandardDurationSeconds),
        AllowedMachines.IsDefault ? [] : AllowedMachines) { Program = Program, Instructions = Instructions, InstructionsUrl = InstructionsUrl };
}
