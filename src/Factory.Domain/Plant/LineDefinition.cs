namespace Factory.Domain.Plant;

/// <summary>A production line: machines in flow order.</summary>
public sealed record LineDefinition(string Id, string SiteId, string Name, ImmutableArray<string> MachineIds);
