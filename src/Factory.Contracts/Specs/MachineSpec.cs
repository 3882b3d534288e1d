namespace Factory.Contracts.Specs;

/// <summary>How a machine is defined in the plant definition.</summary>
/// <param name="InitialState">State a machine without a PLC starts in the first time it is defined.</param>
[GenerateSerializer, Immutable, Alias("factory.machine-spec")]
public sealed record MachineSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string LineId,
    [property: Id(3)] string Name,
    [property: Id(4)] ImmutableArray<string> Capabilities,
    [property: Id(5)] double IdealCycleTimeSeconds,
    [property: Id(6)] bool HoldExtensions,
    [property: Id(7)] PackMlState InitialState)
{
    public MachineDefinition ToDefinition() =>
        new(Id, SiteId, LineId, Name, Capabilities, TimeSpan.FromSeconds(IdealCycleTimeSeconds), HoldExtensions);
}
