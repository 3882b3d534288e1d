namespace Factory.Contracts.Specs;

/// <summary>How a line is defined: its machines in flow order.</summary>
[GenerateSerializer, Immutable, Alias("factory.line-spec")]
public sealed record LineSpec(
    [property: Id(0)] string Id,
    [property: Id(1)] string SiteId,
    [property: Id(2)] string Name,
    [property: Id(3)] ImmutableArray<string> MachineIds)
{
    /// <summary>Equal by content (records compare immutable arrays by reference).</summary>
    public bool SameAs(LineSpec? other) =>
        other is not null && this with { MachineIds = other.MachineIds } == other && MachineIds.SequenceEqual(other.MachineIds);
}
