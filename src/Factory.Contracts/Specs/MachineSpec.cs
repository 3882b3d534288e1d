namespace Factory.Contracts.Specs;

/// <summary>How a machine is defined in the plant definition. Not sealed: a <see cref="Views.MachineView"/> is its spec plus where it stands.</summary>
/// <param name="InitialState">State a machine without a PLC starts in the first time it is defined.</param>
/// <param name="Source">The PLC endpoint that feeds it, or null when it is driven through the API.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-spec")]
public record MachineSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string LineId,
    [property: Id(3)] string Name,
    [property: Id(4)] ImmutableArray<string> Capabilities,
    [property: Id(5)] double IdealCycleTimeSeconds,
    [property: Id(6)] bool HoldExtensions,
    [property: Id(7)] PackMlState InitialState,
    [property: Id(8)] string? Source = null)
{
    /// <summary>For a view read back from JSON: the reader sets every property after.</summary>
    protected MachineSpec()
        : this("", "", "", "", [], 0, false, default)
    {
    }

    /// <summary>Equal by content (records compare immutable arrays by reference).</summary>
    public bool SameAs(MachineSpec? other) =>
        other is not null && this with { Capabilities = other.Capabilities } == other && Capabilities.SequenceEqual(other.Capabilities);

    public MachineDefinition ToDefinition() =>
        new(Id, SiteId, LineId, Name, Capabilities, TimeSpan.FromSeconds(IdealCycleTimeSeconds), HoldExtensions);
}
